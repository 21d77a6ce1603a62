// Demo commune website: sign-in bar (development identity issuer) and the wiring of the embedded
// dvc-forms elements. No innerHTML anywhere: the strict-CSP page enforces Trusted Types.

const API = '/api/v1';
const SESSION_KEY = 'dvc-demo-session';

/** @returns {{ sub: string, name: string, level?: number, token: string, expiresAt: number } | null} */
function readSession() {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function writeSession(session) {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

async function issueToken(sub) {
  const res = await fetch(`${API}/dev-idp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ sub }),
  });
  if (!res.ok) throw new Error(`Không lấy được mã đăng nhập (HTTP ${res.status}).`);
  const body = await res.json();
  return { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
}

/**
 * The host page's identity token for the elements (`tokenProvider` property): the signed-in sample
 * citizen's JWT, renewed shortly before it expires; null when nobody is signed in.
 * @returns {Promise<string | null>}
 */
export async function tokenProvider() {
  const session = readSession();
  if (!session) return null;
  if (session.expiresAt - 60_000 > Date.now()) return session.token;
  try {
    const fresh = await issueToken(session.sub);
    writeSession({ ...session, ...fresh });
    return fresh.token;
  } catch {
    return null;
  }
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

async function initSigninBar() {
  const bar = document.querySelector('[data-signin]');
  if (!bar) return;
  const status = bar.querySelector('[data-signin-status]');
  const form = bar.querySelector('form');
  const select = bar.querySelector('select');
  const signOut = bar.querySelector('[data-signout]');
  const session = readSession();

  if (session) {
    status.textContent = `Đã đăng nhập: ${session.name}${session.level ? ` (định danh mức ${session.level})` : ''}.`;
    form.hidden = true;
    signOut.hidden = false;
    signOut.addEventListener('click', async () => {
      signOut.disabled = true;
      // A shared computer of a commune office: nothing the citizen typed or filed stays on it.
      try {
        const { clearCitizenData } = await import('/dist/dvc-forms.js');
        await clearCitizenData();
      } catch (err) {
        console.warn('dvc-forms: could not clear the citizen data', err);
      }
      writeSession(null);
      location.reload();
    });
    return;
  }

  let citizens;
  try {
    const res = await fetch(`${API}/dev-idp/citizens`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(String(res.status));
    citizens = await res.json();
  } catch {
    status.textContent = 'Đăng nhập thử nghiệm không khả dụng trên máy chủ này. Bạn vẫn có thể nộp hồ sơ không đăng nhập.';
    form.hidden = true;
    return;
  }
  status.textContent = 'Chưa đăng nhập. Chọn một công dân mẫu để thử điền sẵn thông tin từ Cơ sở dữ liệu quốc gia về dân cư.';
  for (const c of citizens) {
    select.append(el('option', { value: c.sub }, `${c.fullName}${c.description ? ` — ${c.description}` : ''}`));
  }
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = citizens.find((c) => c.sub === select.value);
    if (!chosen) return;
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const token = await issueToken(chosen.sub);
      writeSession({ sub: chosen.sub, name: chosen.fullName, level: chosen.level, ...token });
      location.reload();
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : String(err);
      button.disabled = false;
    }
  });
}

function wireForms() {
  for (const form of document.querySelectorAll('.dvc-procedure')) {
    form.tokenProvider = tokenProvider;
    const note = document.querySelector('[data-submitted-note]');
    form.addEventListener('dvc-submitted', (event) => {
      const code = event.receipt?.code;
      if (!note || !code) return;
      note.replaceChildren(
        'Hồ sơ đã được tiếp nhận với mã ',
        el('strong', {}, code),
        '. Bạn có thể ',
        el('a', { href: `/tra-cuu.html?ma=${encodeURIComponent(code)}` }, 'tra cứu tình trạng hồ sơ'),
        ' bất cứ lúc nào.',
      );
      note.hidden = false;
    });
  }
}

function markCurrentNav() {
  const here = location.pathname.replace(/index\.html$/, '');
  for (const a of document.querySelectorAll('.site-nav a')) {
    if (new URL(a.href).hash) continue;
    const target = new URL(a.href).pathname.replace(/index\.html$/, '');
    if (target === here || (target !== '/' && here.startsWith(target.replace(/\.html$/, '')))) a.setAttribute('aria-current', 'page');
  }
}

markCurrentNav();
wireForms();
void initSigninBar();
