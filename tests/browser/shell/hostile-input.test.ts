/**
 * Hostile-input rendering (issue 7): every label, hint, enum title and prefill value of a definition, and every
 * text a citizen or officer can enter (answers, file names, officer notes), holding HTML and script is shown as
 * text. For each page the suite asserts that the markup shows literally, that no element was made from it (no
 * `<img>`, `<script>`, `<svg onload>`, no inline `on…` handler, no `javascript:` link anywhere in the rendered
 * tree, shadow roots included) and that no payload ran (each would set `window.__dvcPwned`).
 *
 * The definition is `fixtures/hostile-form.json`, compiled like every shell fixture (`npm run build`).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { DvcHostileForm } from './fixtures/generated/hostile-form/define.js';
import { InPageBackend } from './in-page-backend.js';
import { answer, button, chooseFiles, click, heading, lockDeviceStorage, root, type TestForm } from './helpers.js';
import '../../../src/define/dvc-dossier-status.js';
import type { DvcDossierStatus, DossierStatusClient } from '../../../src/components/dossier-status/dossier-status.js';
import type { DossierStatus } from '../../../src/runtime/backend.js';

const P1 = '<img src=x onerror="window.__dvcPwned=1">';
const P2 = '<script>window.__dvcPwned=2</script>';
const P3 = '"><svg onload="window.__dvcPwned=3">';
const P4 = 'javascript:window.__dvcPwned=4';
const PAYLOADS = [P1, P2, P3, P4];

const w = window as unknown as { __dvcPwned?: number };

/** Every element and text of a rendered tree, through open shadow roots. */
function walk(
  node: Node,
  out: { elements: Element[]; text: string[] } = { elements: [], text: [] },
): { elements: Element[]; text: string[] } {
  if (node.nodeType === Node.TEXT_NODE) out.text.push((node as Text).data);
  if (node instanceof Element) {
    out.elements.push(node);
    if (node.shadowRoot) for (const c of node.shadowRoot.childNodes) walk(c, out);
  }
  for (const c of node.childNodes) walk(c, out);
  return out;
}

/** Asserts nothing was made from the payloads and none ran; returns the tree's text. */
function assertInert(host: Element, where: string): string {
  const { elements, text } = walk(host);
  for (const el of elements) {
    const tag = el.localName;
    expect(tag === 'img' || tag === 'script', `${where}: a <${tag}> was created`).to.equal(false);
    for (const attr of el.getAttributeNames()) {
      expect(/^on/i.test(attr), `${where}: <${tag} ${attr}> is an inline handler`).to.equal(false);
      const v = el.getAttribute(attr) ?? '';
      if (attr === 'href' || attr === 'src' || attr === 'action')
        expect(/^\s*javascript:/i.test(v), `${where}: ${attr}="${v}"`).to.equal(false);
    }
    if (tag === 'svg') expect(el.hasAttribute('onload'), `${where}: an <svg onload>`).to.equal(false);
  }
  expect(w.__dvcPwned, `${where}: a payload ran`).to.equal(undefined);
  return text.join(' ').replace(/\s+/g, ' ');
}

async function settle(el: TestForm): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
}

describe('hostile input is shown as text', () => {
  // A sign-out test elsewhere wipes the device storage and resets open forms: not while these run.
  lockDeviceStorage('shared');
  beforeEach(() => {
    delete w.__dvcPwned;
  });

  it('a definition and a citizen full of markup: every page shows it literally and runs nothing', async () => {
    expect(DvcHostileForm.model.procedure.slug).to.equal('hostile-form');
    const backend = new InPageBackend(DvcHostileForm.model, DvcHostileForm.validator);
    backend.prefill = { 'citizen.fullName': `Nguyễn ${P1}${P2}` };
    const el = await fixture<TestForm>(html`<dvc-hostile-form .client=${backend} drafts="off" lang="vi"></dvc-hostile-form>`);
    await el.whenReady();
    await settle(el);

    // Start page: title, description, requirements, legal basis, processing note, fee line.
    let text = assertInert(el, 'start page');
    for (const s of [`Thủ tục ${P1}`, `Mô tả ${P2}`, `Giấy tờ ${P1}`, `Căn cứ ${P4}`, `Ghi chú ${P3}`])
      expect(text, 'start page').to.contain(s);
    expect(heading(el)).to.equal(`Thủ tục ${P1}`);

    // Step one: label, hint, prefill value, enum titles and their description.
    await click(el, 'start-button');
    await settle(el);
    text = assertInert(el, 'step one');
    for (const s of [
      `Bước một ${P2}`,
      `Mô tả bước ${P3}`,
      `Họ tên ${P1}`,
      `Gợi ý ${P2}`,
      `Loại ${P3}`,
      `Chọn ${P4}`,
      `Lựa chọn ${P3}`,
      `Khác ${P4}`,
    ]) {
      expect(text, 'step one').to.contain(s);
    }
    const name = root(el).querySelector<HTMLElement & { value: string }>('[name="/fullName"]')!;
    expect(name.value, 'the prefill value is the value').to.equal(`Nguyễn ${P1}${P2}`);
    expect(name.shadowRoot!.querySelector('input')!.value).to.equal(`Nguyễn ${P1}${P2}`);

    // The error summary names the hostile labels as text.
    await click(el, 'next-button');
    await settle(el);
    const summary = root(el).querySelector('dvc-error-summary')!;
    await (summary as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    text = assertInert(el, 'error summary');
    expect(walk(summary).text.join(' ')).to.contain(`Loại ${P3}`);

    await answer(el, '/kind', 'b');
    await click(el, 'next-button');
    await settle(el);

    // Step two: the citizen types markup into a textarea and a repeating group.
    expect(heading(el)).to.equal(`Bước hai ${P1}`);
    await answer(el, '/note', PAYLOADS.join(' '));
    const group = root(el).querySelector<HTMLElement>('[name="/members"], dvc-repeating-group')!;
    const add = group.shadowRoot!.querySelector<HTMLButtonElement>('button')!;
    add.click();
    await settle(el);
    await answer(el, '/members/0/name', `${P3}${P4}`);
    text = assertInert(el, 'step two');
    for (const s of [`Ghi chú ${P2}`, `Thành viên ${P1}`, `Tên ${P3}`]) expect(text, 'step two').to.contain(s);
    await click(el, 'next-button');
    await settle(el);

    // Attachments: the requirement's title and description, and a file named with markup.
    text = assertInert(el, 'attachments');
    for (const s of [`Giấy ${P3}`, `Mô tả giấy ${P1}`]) expect(text, 'attachments').to.contain(s);
    const fileName = `${P1}${P3}.jpg`;
    await chooseFiles(el, 'doc', [new File([new Uint8Array(100)], fileName, { type: 'image/jpeg' })]);
    await waitUntil(() => backend.callsOf('upload').length === 1, 'uploaded');
    await settle(el);
    const att = root(el).querySelector('dvc-attachment')!;
    await (att as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    text = assertInert(el, 'attachment list');
    expect(text, 'attachment list').to.contain(fileName);
    await click(el, 'next-button');
    await settle(el);

    // Review: every label, the answers and the file name, as text.
    const review = root(el).querySelector('dvc-review-list')!;
    await (review as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    text = assertInert(el, 'review page');
    for (const s of [`Họ tên ${P1}`, `Nguyễn ${P1}${P2}`, `Khác ${P4}`, PAYLOADS.join(' '), `${P3}${P4}`, fileName, `Lệ phí ${P1}`]) {
      expect(text, 'review page').to.contain(s);
    }

    // Filed: the payment page holds nothing made from the answers either.
    root(el).querySelector<HTMLInputElement>('input[name="#consent"]')!.click();
    await settle(el);
    button(el, 'submit-button').click();
    await waitUntil(() => root(el).querySelector('dvc-payment'), 'payment page shown');
    await customElements.whenDefined('dvc-payment');
    await settle(el);
    assertInert(el, 'payment page');
    const sent = backend.callsOf('submitDossier')[0]!.args[2] as Record<string, unknown>;
    expect(sent.note, 'the answer is sent as typed').to.equal(PAYLOADS.join(' '));
    expect(w.__dvcPwned).to.equal(undefined);
  });

  it('officer notes and server texts with markup in <dvc-dossier-status> are shown as text', async () => {
    const code = '000.00.00.H30-260302-0007';
    const dossier: DossierStatus = {
      code,
      procedure: `slug ${P1}`,
      status: 'supplement-requested',
      submittedAt: '2026-03-02T02:05:00.000Z',
      appointmentDate: '2026-03-16',
      history: PAYLOADS.map((p, i) => ({
        status: 'supplement-requested' as const,
        at: `2026-03-0${i + 3}T08:30:00.000Z`,
        note: { vi: `Ghi chú ${p}` },
      })),
    };
    const client: DossierStatusClient = {
      getDossier: async () => structuredClone(dossier),
      listProcedures: async () => [{ slug: `slug ${P1}`, title: { vi: `Thủ tục ${P2}${P3}` } }],
    };
    const el = await fixture<DvcDossierStatus>(html`<dvc-dossier-status lang="vi" code=${code} .client=${client}></dvc-dossier-status>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="result"]'), 'result shown');
    await el.updateComplete;
    const text = assertInert(el, 'dossier status');
    for (const p of PAYLOADS) expect(text).to.contain(`Ghi chú ${p}`);
    expect(text).to.contain(`Thủ tục ${P2}${P3}`);
    await expect(el).to.be.accessible();
  });

  it('the check itself fails when markup becomes elements (the assertion can fail)', () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>x</p><img src="data:," alt="">';
    document.body.append(host);
    try {
      expect(() => assertInert(host, 'planted')).to.throw(/<img> was created/);
    } finally {
      host.remove();
    }
  });
});
