/**
 * Every example procedure completed like a person would: keyboard only (real key presses through
 * @web/test-runner-commands' sendKeys), from the before-you-start page through each step and the
 * attachments page to the review page, which must show what was typed. The first step is first sent
 * empty: the error summary must name the first required field. axe runs on every page reached.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FormModel, CompiledValidator } from '../../../src/runtime/model.js';
import type { CitizenDocument } from '../../../src/runtime/backend.js';
import type { AdminUnits } from '../../../src/runtime/backend.js';
import bundledUnits from '../../../src/data/admin-units.js';
import { InPageBackend } from './in-page-backend.js';
import { lockDeviceStorage } from './helpers.js';

/**
 * The in-page back end, answering `getAdminUnits()` with the shipped unit list (what the reference server's
 * `GET /admin-units` serves), so the review page can name the chosen province and commune.
 */
class Backend extends InPageBackend {
  override async getAdminUnits(): Promise<AdminUnits> {
    await super.getAdminUnits();
    const named = <T extends { name: string; nameEn?: string }>(u: T) => ({ ...u, nameEn: u.nameEn ?? u.name });
    return { provinces: bundledUnits.provinces.map((p) => ({ ...named(p), communes: p.communes.map((c) => ({ ...named(c) })) })) };
  }
}

type Shell = HTMLElement & {
  whenReady(): Promise<void>;
  updateComplete: Promise<unknown>;
  client: unknown;
};
type ShellClass = { model: FormModel; validator: CompiledValidator };

/** One thing the person does on a page. */
type Action =
  | { text: string; value: string } // tab to the control at pointer `text`, type `value`
  | { choose: string; option: string } // radio group or select: pick the option labelled `option`
  | { check: string } // checkbox / consent: tab to it, press Space if it is not ticked yet
  | { uncheck: string } // checkbox: tab to it, press Space if it is ticked
  | { address: string; province: string; commune: string; street: string }
  | { addRow: string } // Tab to the repeating group's add button and press Enter (skipped when a row is already shown)
  | { reuse: string }; // attachments page: Tab to the reusable-document checkbox under the attachment titled `reuse`, Space

interface Plan {
  slug: string;
  firstRequiredLabel: string;
  steps: Action[][];
  /** Actions on the attachments page. */
  attachments?: Action[];
  /** Documents the citizen already has on file (offered for reuse on the attachments page). */
  documents?: CitizenDocument[];
  /** Texts the review page must show. */
  review: string[];
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

async function settle(el: Shell): Promise<void> {
  await el.updateComplete;
  await tick();
  await el.updateComplete;
}

/** The chain of focused elements, through every shadow root. */
function focusChain(): Element[] {
  const chain: Element[] = [];
  let a: Element | null = document.activeElement;
  while (a) {
    chain.push(a);
    a = a.shadowRoot?.activeElement ?? null;
  }
  return chain;
}
const deepActive = (): Element | undefined => focusChain().at(-1);

function describeFocus(): string {
  return focusChain()
    .map(
      (e) =>
        `${e.localName}${e.getAttribute('name') ? `[name=${e.getAttribute('name')}]` : ''}${e.getAttribute('part') ? `[part=${e.getAttribute('part')}]` : ''}`,
    )
    .join(' > ');
}

/** Presses Tab until `where()` holds for the focus chain. */
async function tabUntil(el: Shell, what: string, where: (chain: Element[]) => boolean, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (where(focusChain())) return;
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
  }
  throw new Error(`Tab never reached ${what}; focus is on ${describeFocus()}`);
}

const tabToField = (el: Shell, pointer: string) =>
  tabUntil(el, pointer, (c) => c.some((e) => e.getAttribute('name') === pointer) && /^(input|select|textarea)$/.test(c.at(-1)!.localName));

const tabToPart = (el: Shell, part: string) =>
  tabUntil(el, `[part~=${part}]`, (c) => (c.at(-1)?.getAttribute('part') ?? '').split(/\s+/).includes(part));

async function press(el: Shell, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

function optionLabel(control: Element): string {
  if (control instanceof HTMLSelectElement) return control.selectedOptions[0]?.textContent?.trim() ?? '';
  if (control instanceof HTMLInputElement && control.type === 'radio') {
    if (!control.checked) return '';
    return (control.labels?.[0]?.textContent ?? control.closest('label')?.textContent ?? '').trim();
  }
  return '';
}

async function perform(el: Shell, a: Action): Promise<void> {
  if ('text' in a) {
    await tabToField(el, a.text);
    await sendKeys({ type: a.value });
    await el.updateComplete;
  } else if ('check' in a || 'uncheck' in a) {
    const pointer = 'check' in a ? a.check : a.uncheck;
    const want = 'check' in a;
    await tabToField(el, pointer);
    const box = deepActive() as HTMLInputElement;
    if (box.checked !== want) await press(el, 'Space');
    expect((deepActive() as HTMLInputElement).checked, `${pointer} ticked`).to.equal(want);
  } else if ('choose' in a) {
    await tabToField(el, a.choose);
    const first = deepActive()!;
    if (first instanceof HTMLInputElement && first.type === 'radio' && !first.checked) await press(el, 'Space');
    for (let i = 0; i < 80 && optionLabel(deepActive()!) !== a.option; i++) await press(el, 'ArrowDown');
    expect(optionLabel(deepActive()!), `option chosen for ${a.choose}`).to.equal(a.option);
  } else if ('address' in a) {
    await tabToField(el, a.address);
    await sendKeys({ type: a.province });
    await press(el, 'Enter');
    await press(el, 'Tab');
    await sendKeys({ type: a.commune });
    await press(el, 'Enter');
    await press(el, 'Tab');
    await sendKeys({ type: a.street });
    await el.updateComplete;
  } else if ('reuse' in a) {
    await tabUntil(el, `reusable document of "${a.reuse}"`, (c) => {
      const x = c.at(-1);
      return (
        x instanceof HTMLInputElement &&
        x.type === 'checkbox' &&
        (x.closest('fieldset')?.querySelector('legend')?.textContent ?? '').includes(a.reuse)
      );
    });
    await press(el, 'Space');
    expect((deepActive() as HTMLInputElement).checked, `reused document for ${a.reuse}`).to.equal(true);
  } else {
    const pointer = a.addRow;
    if (el.shadowRoot!.querySelector(`[name^="${pointer}/0/"]`)) return;
    await tabUntil(
      el,
      `add button of ${pointer}`,
      (c) =>
        c.some((e) => e.getAttribute('data-focus') === pointer) && c.at(-1)!.localName === 'button' && c.at(-1)!.classList.contains('add'),
    );
    await press(el, 'Enter');
  }
  await tick(5);
}

function heading(el: Shell): string {
  return el.shadowRoot!.querySelector('h2')?.textContent?.trim() ?? '';
}

function summaryTexts(el: Shell): string[] {
  const s = el.shadowRoot!.querySelector('dvc-error-summary');
  return [...(s?.shadowRoot?.querySelectorAll('a') ?? [])].map((x) => x.textContent?.trim() ?? '');
}

/** Presses "Tiếp tục" (Tab to it, Enter) and waits for the page to change. */
async function continueOn(el: Shell): Promise<void> {
  await tabToPart(el, 'next-button');
  await press(el, 'Enter');
  await settle(el);
}

function deepText(node: Node): string {
  let s = '';
  const walk = (n: Node): void => {
    if (n.nodeType === Node.TEXT_NODE) s += n.textContent + ' ';
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    for (const c of n.childNodes) walk(c);
  };
  walk(node);
  return s.replace(/\s+/g, ' ');
}

async function complete(plan: Plan): Promise<void> {
  const mod = await import(`/generated/procedures/${plan.slug}/define.js`);
  const Cls = Object.values(mod)[0] as ShellClass;
  const model = Cls.model;
  const backend = new Backend(model, Cls.validator);
  backend.documents = plan.documents ?? [];
  const el = document.createElement(model.tag) as Shell;
  el.client = backend;
  el.setAttribute('drafts', 'off');
  el.setAttribute('lang', 'vi');
  document.body.append(el);
  try {
    await el.whenReady();
    await settle(el);
    await expect(el).to.be.accessible();

    // Before you start → first step.
    (document.activeElement as HTMLElement | null)?.blur();
    await tabToPart(el, 'start-button');
    await press(el, 'Enter');
    await settle(el);
    expect(heading(el)).to.equal(model.steps[0]!.title.vi);

    // The empty first step is refused, naming the first required field.
    await continueOn(el);
    expect(heading(el)).to.equal(model.steps[0]!.title.vi);
    const errors = summaryTexts(el);
    expect(errors.length, 'error summary shown').to.be.greaterThan(0);
    expect(
      errors.some((t) => t.includes(plan.firstRequiredLabel)),
      `summary names ${plan.firstRequiredLabel}: ${errors.join(' | ')}`,
    ).to.equal(true);
    await expect(el).to.be.accessible();

    for (const [i, actions] of plan.steps.entries()) {
      const title = heading(el);
      expect(title, `on step ${i + 1}`).to.equal(model.steps[i]!.title.vi);
      for (const a of actions) await perform(el, a);
      await continueOn(el);
      expect(summaryTexts(el), `no errors after step ${i + 1} (${title})`).to.deep.equal([]);
      expect(heading(el), `left step ${i + 1}`).to.not.equal(title);
      await expect(el).to.be.accessible();
    }

    // Attachments page: required documents are given by reusing one on file (a checkbox, Space), so no
    // file dialog is needed and the whole run stays keyboard-only.
    if (model.attachments.length) {
      expect(
        model.steps.some((s) => s.title.vi === heading(el)),
        `on the attachments page, not "${heading(el)}"`,
      ).to.equal(false);
      for (const a of plan.attachments ?? []) await perform(el, a);
      await continueOn(el);
      expect(summaryTexts(el), 'no attachment errors').to.deep.equal([]);
      await expect(el).to.be.accessible();
    }

    const review = el.shadowRoot!.querySelector('dvc-review-list');
    expect(review !== null, `review page reached (heading "${heading(el)}")`).to.equal(true);
    const text = deepText(review!);
    for (const t of plan.review) expect(text, `review shows "${t}"`).to.contain(t);
    await expect(el).to.be.accessible();
  } finally {
    el.remove();
  }
}

/** Ticks "Đã xác định được cha của trẻ" and fills the father's section that then appears. */
const FATHER: Action[] = [
  { check: '/fatherDetermined' },
  { text: '/father/fullName', value: 'Trần Văn Dũng' },
  { text: '/father/dateOfBirth', value: '21/07/1992' },
  { choose: '/father/ethnicity', option: 'Kinh' },
  { choose: '/father/nationality', option: 'Việt Nam' },
  { address: '/father/residence', province: 'ha noi', commune: 'ba dinh', street: '5 Phố Kim Mã' },
  { text: '/father/idNumber', value: '001092067890' },
];
/** The child's section of the birth declaration (birth registration and the interlinked group). */
const CHILD: Action[] = [
  { text: '/child/fullName', value: 'Trần Minh Khang' },
  { text: '/child/dateOfBirth', value: '03/10/2026' },
  { choose: '/child/sex', option: 'Nam' },
  { choose: '/child/ethnicity', option: 'Kinh' },
  { choose: '/child/nationality', option: 'Việt Nam' },
  { choose: '/child/placeOfBirth/kind', option: 'Cơ sở y tế' },
  { address: '/child/placeOfBirth/address', province: 'ha noi', commune: 'ba dinh', street: '1 Phố Tràng Thi' },
  { text: '/child/placeOfBirth/facilityName', value: 'Bệnh viện Phụ sản Hà Nội' },
  { text: '/child/hometown', value: 'Nam Định' },
  { choose: '/birthProof', option: 'Giấy chứng sinh do cơ sở y tế cấp' },
];
/** The mother's section of the birth declaration. */
const MOTHER: Action[] = [
  { text: '/mother/fullName', value: 'Lê Thị Hoa' },
  { text: '/mother/dateOfBirth', value: '12/04/1994' },
  { choose: '/mother/ethnicity', option: 'Kinh' },
  { choose: '/mother/nationality', option: 'Việt Nam' },
  { address: '/mother/residence', province: 'ha noi', commune: 'ba dinh', street: '5 Phố Kim Mã' },
  { text: '/mother/idNumber', value: '001194012345' },
];
/** Ticks "Có vợ hoặc chồng" and names the spouse. */
const SPOUSE: Action[] = [{ check: '/family/hasSpouse' }, { text: '/family/spouse/fullName', value: 'Đỗ Thị Mai' }];

const plans: Plan[] = [
  {
    slug: 'permanent-residence-registration',
    firstRequiredLabel: 'Họ, chữ đệm và tên',
    steps: [
      [
        { text: '/applicant/fullName', value: 'Nguyễn Thị Lan' },
        { text: '/applicant/dateOfBirth', value: '05/09/1990' },
        { choose: '/applicant/sex', option: 'Nữ' },
        { text: '/applicant/idNumber', value: '001190012345' },
        { text: '/applicant/phone', value: '0912345678' },
        { text: '/applicant/email', value: 'lan@example.vn' },
      ],
      [
        { address: '/newAddress', province: 'ha noi', commune: 'ba dinh', street: '12 Phố Đội Cấn' },
        { text: '/household/headFullName', value: 'Nguyễn Thị Lan' },
        { choose: '/household/relationshipToHead', option: 'Chủ hộ' },
        { choose: '/basis', option: 'Chỗ ở hợp pháp thuộc quyền sở hữu của mình' },
        { check: '/dwellingProofInDatabase' },
      ],
      [],
      [{ text: '/request', value: 'Đề nghị đăng ký thường trú cho bản thân.' }, { check: '/declaration' }],
    ],
    review: [
      'Nguyễn Thị Lan',
      '05/09/1990',
      'Nữ',
      '001190012345',
      '0912345678',
      'lan@example.vn',
      '12 Phố Đội Cấn, Ba Đình, Hà Nội',
      'Chủ hộ',
      'Đề nghị đăng ký thường trú cho bản thân.',
    ],
  },
  {
    slug: 'marriage-registration',
    firstRequiredLabel: 'Họ, chữ đệm và tên',
    steps: [
      [
        { text: '/requester/fullName', value: 'Phạm Thu Trang' },
        { text: '/requester/idNumber', value: '048196001234' },
        { choose: '/requester/party', option: 'Bên nữ' },
        { text: '/requester/phone', value: '0905123456' },
      ],
      [
        { text: '/bride/fullName', value: 'Phạm Thu Trang' },
        { text: '/bride/dateOfBirth', value: '20/02/1996' },
        { choose: '/bride/ethnicity', option: 'Kinh' },
        { choose: '/bride/nationality', option: 'Việt Nam' },
        { address: '/bride/residence', province: 'da nang', commune: 'hai chau', street: '7 Lê Duẩn' },
        { choose: '/bride/idDocument/type', option: 'Thẻ căn cước / Căn cước công dân' },
        { text: '/bride/idDocument/number', value: '048196001234' },
        { text: '/bride/marriageOrdinal', value: '1' },
        { choose: '/bride/maritalStatus', option: 'Chưa kết hôn lần nào' },
      ],
      [
        { text: '/groom/fullName', value: 'Hoàng Văn Nam' },
        { text: '/groom/dateOfBirth', value: '15/08/1994' },
        { choose: '/groom/ethnicity', option: 'Kinh' },
        { choose: '/groom/nationality', option: 'Việt Nam' },
        { address: '/groom/residence', province: 'da nang', commune: 'hai chau', street: '9 Trần Phú' },
        { choose: '/groom/idDocument/type', option: 'Thẻ căn cước / Căn cước công dân' },
        { text: '/groom/idDocument/number', value: '048094005678' },
        { text: '/groom/marriageOrdinal', value: '1' },
        { choose: '/groom/maritalStatus', option: 'Chưa kết hôn lần nào' },
      ],
      [{ text: '/extractCopies', value: '2' }, { check: '/declaration' }],
    ],
    review: [
      'Phạm Thu Trang',
      '048196001234',
      '0905123456',
      '20/02/1996',
      'Hoàng Văn Nam',
      '15/08/1994',
      '048094005678',
      '7 Lê Duẩn, Hải Châu, Đà Nẵng',
      '9 Trần Phú',
      'Chưa kết hôn lần nào',
    ],
  },
  {
    slug: 'birth-registration',
    firstRequiredLabel: 'Họ, chữ đệm và tên',
    steps: [
      [
        { text: '/requester/fullName', value: 'Lê Thị Hoa' },
        { choose: '/requester/idDocument/type', option: 'Thẻ căn cước / Căn cước công dân' },
        { text: '/requester/idDocument/number', value: '001194012345' },
        { address: '/requester/residence', province: 'ha noi', commune: 'ba dinh', street: '5 Phố Kim Mã' },
        { choose: '/requester/relationship', option: 'Mẹ' },
        { text: '/requester/phone', value: '0987654321' },
      ],
      [...CHILD],
      [...MOTHER, ...FATHER],
      [{ text: '/extractCopies', value: '2' }, { check: '/declaration' }],
    ],
    documents: [
      { id: 'doc-1', documentType: 'medical-birth-certificate', title: { vi: 'Giấy chứng sinh số 123/2026' }, issuedAt: '2026-10-04' },
    ],
    attachments: [{ reuse: 'Giấy chứng sinh' }],
    review: [
      'Lê Thị Hoa',
      '001194012345',
      '0987654321',
      'Trần Minh Khang',
      '03/10/2026',
      'Bệnh viện Phụ sản Hà Nội',
      'Nam Định',
      '12/04/1994',
      '5 Phố Kim Mã, Ba Đình, Hà Nội',
      'Trần Văn Dũng',
      '21/07/1992',
      '001092067890',
      'Giấy chứng sinh số 123/2026',
    ],
  },
  {
    slug: 'criminal-record-certificate',
    firstRequiredLabel: 'Cơ quan tiếp nhận',
    steps: [
      [
        { choose: '/receivingAgency', option: 'Công an thành phố Hà Nội' },
        { choose: '/requestType', option: 'Cá nhân tự yêu cầu cấp phiếu cho mình (Mẫu 03)' },
      ],
      [
        { text: '/applicant/fullName', value: 'NGUYỄN VĂN AN' },
        { choose: '/applicant/sex', option: 'Nam' },
        { text: '/applicant/dateOfBirth', value: '01/06/1990' },
        { text: '/applicant/placeOfBirth', value: 'Hà Nội' },
        { choose: '/applicant/nationality', option: 'Việt Nam' },
        { choose: '/applicant/ethnicity', option: 'Kinh' },
        { address: '/applicant/permanentAddress', province: 'ha noi', commune: 'ba dinh', street: '20 Phố Liễu Giai' },
        { choose: '/applicant/idDocument/type', option: 'Thẻ căn cước / Căn cước công dân' },
        { text: '/applicant/idDocument/number', value: '001090012345' },
        { text: '/applicant/phone', value: '0912000111' },
      ],
      [
        { text: '/family/father/fullName', value: 'Nguyễn Văn Bình' },
        { text: '/family/mother/fullName', value: 'Trần Thị Cúc' },
        ...SPOUSE,
      ],
      [
        { addRow: '/residenceHistory' },
        { text: '/residenceHistory/0/from', value: '2004-06' },
        { text: '/residenceHistory/0/to', value: '2026-11' },
        { text: '/residenceHistory/0/address', value: '20 Phố Liễu Giai, Ba Đình, Hà Nội' },
        { text: '/residenceHistory/0/occupation', value: 'Kỹ sư' },
      ],
      [
        { choose: '/certificateType', option: 'Phiếu lý lịch tư pháp số 1' },
        { text: '/purpose', value: 'Bổ sung hồ sơ xin việc' },
        { text: '/copies', value: '1' },
        { choose: '/feeCategory', option: 'Không thuộc diện miễn, giảm' },
        { check: '/declaration' },
      ],
    ],
    review: [
      'Công an thành phố Hà Nội',
      'NGUYỄN VĂN AN',
      '01/06/1990',
      '001090012345',
      '0912000111',
      'Nguyễn Văn Bình',
      'Trần Thị Cúc',
      'Đỗ Thị Mai',
      '20 Phố Liễu Giai, Ba Đình, Hà Nội',
      'Kỹ sư',
      'Bổ sung hồ sơ xin việc',
    ],
  },
  {
    slug: 'birth-residence-health-insurance',
    firstRequiredLabel: 'Họ, chữ đệm và tên',
    steps: [
      [
        { text: '/requester/fullName', value: 'Lê Thị Hoa' },
        { choose: '/requester/idDocument/type', option: 'Thẻ căn cước / Căn cước công dân' },
        { text: '/requester/idDocument/number', value: '001194012345' },
        { address: '/requester/residence', province: 'ha noi', commune: 'ba dinh', street: '5 Phố Kim Mã' },
        { choose: '/requester/relationship', option: 'Mẹ' },
        { text: '/requester/phone', value: '0987654321' },
      ],
      [...CHILD],
      [...MOTHER, ...FATHER],
      [
        { address: '/residence/address', province: 'ha noi', commune: 'ba dinh', street: '5 Phố Kim Mã' },
        { text: '/residence/headFullName', value: 'Lê Thị Hoa' },
        { text: '/residence/headIdNumber', value: '001194012345' },
        { choose: '/residence/childRelationshipToHead', option: 'Con' },
      ],
      [
        { text: '/healthInsurance/initialFacility', value: 'Trạm y tế phường Ba Đình' },
        { choose: '/healthInsurance/cardForm', option: 'Thẻ bảo hiểm y tế điện tử trên VNeID' },
      ],
      [{ text: '/extractCopies', value: '2' }, { check: '/declaration' }],
    ],
    documents: [
      { id: 'doc-1', documentType: 'medical-birth-certificate', title: { vi: 'Giấy chứng sinh số 123/2026' }, issuedAt: '2026-10-04' },
    ],
    attachments: [{ reuse: 'Giấy chứng sinh' }],
    review: [
      'Lê Thị Hoa',
      'Trần Minh Khang',
      '03/10/2026',
      '5 Phố Kim Mã, Ba Đình, Hà Nội',
      'Trần Văn Dũng',
      'Trạm y tế phường Ba Đình',
      'Thẻ bảo hiểm y tế điện tử trên VNeID',
    ],
  },
];

/** `plan` with the actions `drop` removed from every step. */
function without(plan: Plan, drop: Action[], review: string[]): Plan {
  return { ...plan, steps: plan.steps.map((st) => st.filter((a) => !drop.includes(a))), review };
}

describe('example procedures completed with the keyboard', () => {
  // A sign-out test elsewhere wipes the device storage and resets open forms: not while these run.
  lockDeviceStorage('shared');
  for (const plan of plans) {
    it(`<dvc-${plan.slug}>: start → every step → review`, async () => {
      await complete(plan);
    });
  }

  // Regression: schema `default`s were ignored, so these boxes started unset (not false) and a person who
  // left them unticked was stopped with "Đánh dấu vào ô …". fatherDetermined defaults to true (the citizen
  // unticks it), family.hasSpouse defaults to false (the citizen leaves it).
  const birth = plans.find((p) => p.slug === 'birth-registration')!;
  it('<dvc-birth-registration>: father not determined (box unticked) → review', async () => {
    // The same steps, but where the citizen ticked the box, they untick it and skip the father's section.
    const steps = birth.steps.map((st) =>
      st.flatMap((a): Action[] => (a === FATHER[0] ? [{ uncheck: '/fatherDetermined' }] : FATHER.includes(a) ? [] : [a])),
    );
    await complete({ ...birth, steps, review: ['Trần Minh Khang', 'Lê Thị Hoa'] });
  });
  const criminal = plans.find((p) => p.slug === 'criminal-record-certificate')!;
  it('<dvc-criminal-record-certificate>: not married (box left unticked) → review', async () => {
    await complete(without(criminal, SPOUSE, ['NGUYỄN VĂN AN', 'Kỹ sư']));
  });
});
