// Dossier status lookup (tra cứu hồ sơ) with the SDK's HTTP client from the bundle.
import { createHttpClient, OfflineError, ProblemError } from '/dist/dvc-forms.js';
import { tokenProvider } from './site.js';

const CODE = /^[0-9A-Z.]+-[0-9]{6}-[0-9]{4}$/;
const STATUS = {
  submitted: 'Đã nộp, chờ tiếp nhận',
  received: 'Đã tiếp nhận',
  'supplement-requested': 'Cần bổ sung hồ sơ',
  processing: 'Đang xử lý',
  'result-ready': 'Đã có kết quả',
  completed: 'Đã trả kết quả',
  rejected: 'Từ chối giải quyết',
  withdrawn: 'Đã rút hồ sơ',
};
const PAYMENT = { pending: 'Chờ thanh toán', paid: 'Đã thanh toán', failed: 'Thanh toán không thành công', cancelled: 'Đã hủy', expired: 'Hết hạn' };
const METHOD = { vietqr: 'Chuyển khoản VietQR', vnpay: 'Cổng VNPay', counter: 'Nộp tại Bộ phận một cửa' };

const client = createHttpClient({ baseUrl: '/api/v1', tokenProvider });
const form = document.querySelector('[data-lookup]');
const input = form.querySelector('input');
const error = document.querySelector('[data-lookup-error]');
const result = document.querySelector('[data-lookup-result]');

const dateTime = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
const dateOnly = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'full', timeZone: 'UTC' });
const money = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function showError(message) {
  result.hidden = true;
  error.textContent = message;
  error.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

let titles;
async function procedureTitle(slug) {
  try {
    titles ??= new Map((await client.listProcedures()).map((p) => [p.slug, p.title.vi]));
  } catch {
    titles = new Map();
  }
  return titles.get(slug) ?? slug;
}

async function lookup(code) {
  error.hidden = true;
  input.removeAttribute('aria-invalid');
  if (!CODE.test(code)) {
    showError('Mã hồ sơ chưa đúng dạng. Mã hồ sơ có dạng 000.00.00.H30-251122-0001 (mã cơ quan, ngày nộp, số thứ tự).');
    return;
  }
  result.setAttribute('aria-busy', 'true');
  try {
    const d = await client.getDossier(code);
    const facts = el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'Mã hồ sơ'),
      el('dd', {}, d.code),
      el('dt', {}, 'Thủ tục'),
      el('dd', {}, await procedureTitle(d.procedure)),
      el('dt', {}, 'Tình trạng'),
      el('dd', {}, el('strong', {}, STATUS[d.status] ?? d.status)),
      el('dt', {}, 'Ngày nộp'),
      el('dd', {}, el('time', { datetime: d.submittedAt }, dateTime.format(new Date(d.submittedAt)))),
      el('dt', {}, 'Ngày hẹn trả kết quả'),
      el('dd', {}, el('time', { datetime: d.appointmentDate }, dateOnly.format(new Date(`${d.appointmentDate}T00:00:00Z`)))),
    );
    if (d.payment) {
      facts.append(
        el('dt', {}, 'Lệ phí'),
        el('dd', {}, `${money.format(d.payment.amount)} — ${PAYMENT[d.payment.status] ?? d.payment.status} (${METHOD[d.payment.method] ?? d.payment.method})`),
      );
    }
    const history = el('ol', { class: 'history' });
    for (const h of d.history) {
      history.append(
        el('li', {}, el('time', { datetime: h.at }, dateTime.format(new Date(h.at))), STATUS[h.status] ?? h.status, h.note ? ` — ${h.note.vi}` : ''),
      );
    }
    result.replaceChildren(el('h2', { tabindex: '-1' }, 'Kết quả tra cứu'), facts, el('h3', {}, 'Quá trình xử lý'), history);
    result.hidden = false;
    result.querySelector('h2').focus();
  } catch (err) {
    if (err instanceof OfflineError) showError('Không có kết nối tới hệ thống. Vui lòng kiểm tra mạng và thử lại.');
    else if (err instanceof ProblemError && err.status === 404) showError(`Không tìm thấy hồ sơ có mã ${code}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.`);
    else showError(`Chưa tra cứu được hồ sơ: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    result.removeAttribute('aria-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const code = input.value.trim().toUpperCase();
  input.value = code;
  history.replaceState(null, '', `?ma=${encodeURIComponent(code)}`);
  void lookup(code);
});

const initial = new URLSearchParams(location.search).get('ma');
if (initial) {
  input.value = initial;
  void lookup(initial.trim().toUpperCase());
}
