/**
 * Server-side drafts end to end: a citizen signed in on the demo site fills half of "Đăng ký thường trú" in
 * one browser context, then opens the same procedure in a second, fresh context (another device: empty
 * IndexedDB, no session) and signs in as the same citizen: the answers and the step come back. A citizen
 * who is not signed in gets an empty form and the page makes no draft request.
 *
 * Needs the build (`npm run build`: dist/dvc-forms.js; E2E_DIST_DIR picks another build) and the compiled
 * procedures (generated/procedures).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertBuilt, distDir, launchChromium, root, startReferenceServer, type StartedServer } from './helpers.js';

const SLUG = 'permanent-residence-registration';

let server: StartedServer;
let base: string;
let browser: Browser;

before(async () => {
  assertBuilt([
    [path.relative(root, path.join(distDir, 'dvc-forms.js')), 'run `npm run build`'],
    [`generated/procedures/${SLUG}/model.js`, 'run `npm run compile`'],
  ]);
  server = await startReferenceServer({ DEV_IDP: '1', STATIC_DIR: `/=demo,/dist/=${distDir}` });
  base = server.base;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh "device": its own browser context (own IndexedDB, sessionStorage, cookies). */
async function openDevice(): Promise<{ context: BrowserContext; page: Page; errors: string[]; draftRequests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  const draftRequests: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/drafts/')) draftRequests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  return { context, page, errors, draftRequests };
}

/** Signs in as the first sample citizen with the keyboard (as in demo.test.ts). */
async function signIn(page: Page): Promise<void> {
  const select = page.getByLabel('Đăng nhập thử nghiệm (VNeID mẫu)');
  await select.waitFor();
  await select.focus();
  await page.keyboard.press('Tab');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await page.getByText(/^Đã đăng nhập: /).waitFor();
}

/** The dossier as the element holds it. */
async function formValue(page: Page): Promise<unknown> {
  return page.locator(`dvc-${SLUG}`).evaluate((el) => (el as unknown as { value: unknown }).value);
}

/** A token of the first sample citizen (the one `signIn` picks). */
async function citizenToken(): Promise<string> {
  const citizens = (await (await fetch(`${base}/api/v1/dev-idp/citizens`)).json()) as Array<{ sub: string }>;
  const tokenRes = await fetch(`${base}/api/v1/dev-idp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: citizens[0].sub }),
  });
  return ((await tokenRes.json()) as { access_token: string }).access_token;
}

/** The sample citizen's server-side draft, read with a token of their own (null when none). */
async function serverDraft(): Promise<{ data: Record<string, unknown>; stepId?: string } | null> {
  const token = await citizenToken();
  const r = await fetch(`${base}/api/v1/drafts/${SLUG}`, { headers: { authorization: `Bearer ${token}` } });
  if (r.status === 404) return null;
  assert.equal(r.status, 200);
  return (await r.json()) as { data: Record<string, unknown>; stepId?: string };
}

describe('server-side drafts (resume on another device)', () => {
  it('a signed-in citizen fills half a procedure on one device and resumes on another', async () => {
    // Device 1: sign in, fill the applicant (prefilled) and the dwelling steps, arrive on step 3.
    const one = await openDevice();
    const p1 = one.page;
    const kb = p1.keyboard;
    await p1.goto(`${base}/`);
    await signIn(p1);
    await p1.goto(`${base}/thu-tuc/${SLUG}.html`);
    await p1.getByRole('button', { name: 'Bắt đầu' }).focus();
    await kb.press('Enter');
    await p1.getByRole('heading', { name: 'Người đề nghị', level: 2 }).waitFor();
    assert.equal(await p1.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).inputValue(), 'NGUYỄN THỊ LAN');
    await p1.getByRole('button', { name: 'Tiếp tục' }).focus();
    await kb.press('Enter');
    await p1.getByRole('heading', { name: 'Chỗ ở đăng ký thường trú', level: 2 }).waitFor();
    // The list of units loads with the step (from the back end); the boxes are disabled until it is there.
    const province = p1.getByRole('combobox', { name: 'Tỉnh, thành phố' });
    for (let i = 0; i < 100 && !(await province.isEnabled()); i++) await new Promise((r) => setTimeout(r, 200));
    await province.focus();
    await kb.type('Ha Noi');
    await p1
      .getByRole('option', { name: /Hà Nội/ })
      .first()
      .waitFor();
    await kb.press('ArrowDown');
    await kb.press('Enter');
    const commune = p1.getByRole('combobox', { name: 'Xã, phường, đặc khu' });
    await commune.focus();
    await kb.type('Ba Dinh');
    await p1
      .getByRole('option', { name: /Ba Đình/ })
      .first()
      .waitFor();
    await kb.press('ArrowDown');
    await kb.press('Enter');
    await kb.press('Tab');
    await kb.type('Số 5 phố Đội Cấn');
    await kb.press('Tab');
    await kb.type('Lê Minh Tuấn');
    await kb.press('Tab');
    await kb.press('ArrowDown');
    await kb.press('ArrowDown');
    await kb.press('Tab');
    await kb.type('001093011122');
    await kb.press('Tab');
    await kb.press('Space');
    await p1.getByRole('checkbox', { name: /chỗ ở hợp pháp đã có/ }).focus();
    await kb.press('Space');
    await p1.getByRole('button', { name: 'Tiếp tục' }).focus();
    await kb.press('Enter');
    await p1.getByRole('heading', { name: 'Thành viên cùng thay đổi', level: 2 }).waitFor();

    // The draft reaches the back end on its own (debounced), with the step the citizen is on.
    let draft = await serverDraft();
    for (let i = 0; i < 60 && draft?.stepId !== 'members'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      draft = await serverDraft();
    }
    assert.equal(draft?.stepId, 'members', `the server draft: ${JSON.stringify(draft)}`);
    assert.match(JSON.stringify(draft?.data), /Lê Minh Tuấn/);
    const puts = one.draftRequests.filter((r) => r.startsWith('PUT')).length;
    assert.ok(puts >= 1 && puts <= 6, `debounced: ${puts} PUTs for dozens of key presses`);
    assert.deepEqual(one.errors, []);
    const answers = await formValue(p1);

    // Device 2: a fresh context (empty IndexedDB), same citizen.
    const two = await openDevice();
    const p2 = two.page;
    await p2.goto(`${base}/`);
    await signIn(p2);
    await p2.goto(`${base}/thu-tuc/${SLUG}.html`);
    // Back on the step where the citizen left off…
    await p2.getByRole('heading', { name: 'Thành viên cùng thay đổi', level: 2 }).waitFor();
    // …with every answer of the earlier steps, shown in their fields.
    assert.deepEqual(await formValue(p2), answers);
    await p2.getByRole('button', { name: 'Quay lại' }).first().click();
    await p2.getByRole('heading', { name: 'Chỗ ở đăng ký thường trú', level: 2 }).waitFor();
    assert.match(await p2.getByRole('textbox', { name: 'Họ, chữ đệm và tên chủ hộ' }).inputValue(), /^lê minh tuấn$/i);
    assert.deepEqual(two.errors, []);
    await one.context.close();
    await two.context.close();
  });

  it('two devices change the same draft: the later save is refused and the citizen chooses which copy to keep', async () => {
    const waitForServer = async (test: (d: Awaited<ReturnType<typeof serverDraft>>) => boolean, what: string) => {
      for (let i = 0; i < 80; i++) {
        const d = await serverDraft();
        if (test(d)) return d;
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.fail(`the server draft never ${what}: ${JSON.stringify(await serverDraft())}`);
    };
    const email = (p: Page) => p.getByRole('textbox', { name: 'Thư điện tử' });
    const del = await fetch(`${base}/api/v1/drafts/${SLUG}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await citizenToken()}` },
    });
    assert.equal(del.status, 204, 'start without a server draft');
    // Device A starts the procedure; its draft reaches the server.
    const a = await openDevice();
    await a.page.goto(`${base}/`);
    await signIn(a.page);
    await a.page.goto(`${base}/thu-tuc/${SLUG}.html`);
    await a.page.getByRole('button', { name: 'Bắt đầu' }).click();
    await a.page.getByRole('heading', { name: 'Người đề nghị', level: 2 }).waitFor();
    await email(a.page).fill('a.truoc@example.vn');
    await waitForServer((d) => JSON.stringify(d?.data ?? {}).includes('a.truoc@example.vn'), 'got device A\u2019s first e-mail');
    // Device B opens the same draft.
    const b = await openDevice();
    await b.page.goto(`${base}/`);
    await signIn(b.page);
    await b.page.goto(`${base}/thu-tuc/${SLUG}.html`);
    await b.page.getByRole('heading', { name: 'Người đề nghị', level: 2 }).waitFor();
    assert.equal(await email(b.page).inputValue(), 'a.truoc@example.vn');
    // A changes it again and saves; then B, still based on the older copy, changes it too.
    await email(a.page).fill('a.sau@example.vn');
    await waitForServer((d) => JSON.stringify(d?.data ?? {}).includes('a.sau@example.vn'), 'got device A\u2019s second e-mail');
    await email(b.page).fill('b@example.vn');
    // B's save is refused: B is asked, and nothing was overwritten meanwhile.
    const banner = b.page.getByRole('alert').filter({ hasText: 'vừa được sửa trên một thiết bị khác' });
    await banner.waitFor();
    assert.match(JSON.stringify((await serverDraft())?.data), /a\.sau@example\.vn/);
    assert.equal(await email(b.page).inputValue(), 'b@example.vn', 'what B typed is still on the screen');
    // B takes the other device's copy.
    await b.page.getByRole('button', { name: 'Dùng bản trên thiết bị khác' }).click();
    await banner.waitFor({ state: 'detached' });
    assert.equal(await email(b.page).inputValue(), 'a.sau@example.vn');
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
    await a.context.close();
    await b.context.close();
  });

  it('a token provider set after the element started is used by its requests (a framework sets properties late)', async () => {
    const del = await fetch(`${base}/api/v1/drafts/${SLUG}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await citizenToken()}` },
    });
    assert.equal(del.status, 204);
    const dev = await openDevice();
    const puts: Array<{ auth: string | null; status: number }> = [];
    dev.page.on('response', async (r) => {
      if (r.request().method() === 'PUT' && new URL(r.url()).pathname === `/api/v1/drafts/${SLUG}`) {
        puts.push({ auth: (await r.request().headerValue('authorization')) ?? null, status: r.status() });
      }
    });
    await dev.page.goto(`${base}/`); // not signed in: the demo page has no session
    // A host page that adds the element first and gives it the token later.
    await dev.page.addScriptTag({ type: 'module', url: '/dist/dvc-forms.js' });
    await dev.page.evaluate(async (slug) => {
      await customElements.whenDefined(`dvc-${slug}`);
      const el = document.createElement(`dvc-${slug}`) as HTMLElement & { apiBase: string; whenReady(): Promise<void> };
      el.apiBase = '/api/v1';
      el.id = 'late';
      document.querySelector('main')!.append(el);
      await el.whenReady();
    }, SLUG);
    const token = await citizenToken();
    await dev.page.evaluate((t) => {
      (document.getElementById('late') as HTMLElement & { tokenProvider: () => Promise<string> }).tokenProvider = async () => t;
    }, token);
    await dev.page.getByRole('button', { name: 'Bắt đầu' }).click();
    await dev.page.getByRole('textbox', { name: 'Thư điện tử' }).fill('muon@example.vn');
    for (let i = 0; i < 40 && puts.length === 0; i++) await new Promise((r) => setTimeout(r, 250));
    assert.ok(puts.length > 0, 'the draft was sent once a token was given');
    assert.deepEqual(puts[0], { auth: `Bearer ${token}`, status: 200 });
    assert.match(JSON.stringify((await serverDraft())?.data), /muon@example\.vn/);
    await dev.context.close();
  });

  it('a citizen who is not signed in gets an empty form and no draft request is made', async () => {
    const three = await openDevice();
    const p3 = three.page;
    await p3.goto(`${base}/thu-tuc/${SLUG}.html`);
    await p3.getByRole('button', { name: 'Bắt đầu' }).waitFor();
    await p3.getByRole('button', { name: 'Bắt đầu' }).click();
    await p3.getByRole('heading', { name: 'Người đề nghị', level: 2 }).waitFor();
    assert.equal(await p3.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).inputValue(), '');
    await p3.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).fill('KHÁCH VÃNG LAI');
    await new Promise((r) => setTimeout(r, 3000)); // longer than the debounce
    assert.deepEqual(three.draftRequests, []);
    assert.deepEqual(three.errors, []);
    await three.context.close();
  });
});
