/**
 * The demo commune website end to end: the reference back end serves demo/ and dist/ (as `npm start`
 * does), Chromium (playwright-core) opens the site, a citizen signs in with a sample identity, files
 * "Đăng ký thường trú" with the keyboard and sees the dossier code, then looks it up. The strict-CSP page
 * must render and run the procedure with zero `securitypolicyviolation` events.
 *
 * Needs the build (`npm run build`: dist/dvc-forms.js) and the compiled procedures (generated/procedures).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  assertBuilt,
  distDir,
  DOSSIER_CODE,
  launchChromium,
  root,
  startReferenceServer,
  STRICT_CSP,
  type StartedServer,
} from './helpers.js';

const demoDir = path.join(root, 'demo');

let server: StartedServer;
let base: string;
let browser: Browser;

before(async () => {
  assertBuilt([
    [path.relative(root, path.join(distDir, 'dvc-forms.js')), 'run `npm run build`'],
    ['generated/procedures/permanent-residence-registration/model.js', 'run `npm run compile`'],
  ]);
  server = await startReferenceServer({ DEV_IDP: '1', STATIC_DIR: `/=demo,/dist/=${distDir}` });
  base = server.base;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records uncaught errors and CSP violations (the listener is added before any page script). */
async function openPage(): Promise<{ page: Page; errors: string[]; violations: () => Promise<string[]> }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const consoleViolations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Trusted Type/i.test(m.text())) consoleViolations.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return {
    page,
    errors,
    violations: async () => [
      ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)),
      ...consoleViolations,
    ],
  };
}

/** Signs in as the first sample citizen with the keyboard, as a person would. */
async function signIn(page: Page): Promise<void> {
  const select = page.getByLabel('Đăng nhập thử nghiệm (VNeID mẫu)');
  await select.waitFor();
  await select.focus();
  await page.keyboard.press('Tab'); // to the "Đăng nhập" button
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await page.getByText(/^Đã đăng nhập: /).waitFor();
}

describe('demo commune website', () => {
  it('has no inline script, inline style or event-handler attribute in any page (strict CSP)', () => {
    const pages: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.html')) pages.push(path.join(dir, e.name));
      }
    };
    walk(demoDir);
    assert.ok(pages.length >= 7, 'home, lookup, strict-CSP and one page per procedure');
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const where = path.relative(root, file);
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${where}: inline <script>`);
      assert.doesNotMatch(html, /<style\b/i, `${where}: <style> element`);
      assert.doesNotMatch(html, /\sstyle=/i, `${where}: style attribute`);
      assert.doesNotMatch(html, /\son[a-z]+=/i, `${where}: event-handler attribute`);
      assert.match(html, /<html lang="vi">/, `${where}: lang="vi"`);
      assert.match(html, /name="viewport" content="width=device-width, initial-scale=1"/, `${where}: mobile viewport`);
    }
    for (const slug of readdirSync(path.join(root, 'generated/procedures'))) {
      const file = path.join(demoDir, 'thu-tuc', `${slug}.html`);
      assert.ok(existsSync(file), `demo/thu-tuc/${slug}.html embeds <dvc-${slug}>`);
      const html = readFileSync(file, 'utf8');
      assert.match(html, new RegExp(`<dvc-${slug}\\b[^>]*api-base="/api/v1"`));
      assert.equal(html.match(/<script type="module" src="\/dist\/dvc-forms\.js"><\/script>/g)?.length, 1, 'one SDK script tag');
    }
  });

  it('a citizen signs in, files "Đăng ký thường trú" with the keyboard and sees the dossier code, then looks it up', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Dịch vụ công trực tuyến' }).waitFor();
    await signIn(page);

    const link = page.getByRole('link', { name: 'Đăng ký thường trú' });
    await link.focus();
    await Promise.all([page.waitForURL('**/thu-tuc/permanent-residence-registration.html'), page.keyboard.press('Enter')]);
    const kb = page.keyboard;
    const start = page.getByRole('button', { name: 'Bắt đầu' });
    await start.focus();
    await kb.press('Enter');

    // Step 1: the applicant, prefilled from the population database.
    await page.getByRole('heading', { name: 'Người đề nghị', level: 2 }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).inputValue(), 'NGUYỄN THỊ LAN');
    await page.getByRole('button', { name: 'Tiếp tục' }).focus();
    await kb.press('Enter');

    // Step 2: the dwelling and the household.
    await page.getByRole('heading', { name: 'Chỗ ở đăng ký thường trú', level: 2 }).waitFor();
    // The list of units loads with the step (from the back end); the boxes are disabled until it is there.
    const province = page.getByRole('combobox', { name: 'Tỉnh, thành phố' });
    for (let i = 0; i < 100 && !(await province.isEnabled()); i++) await new Promise((r) => setTimeout(r, 200));
    await province.focus();
    await kb.type('Ha Noi');
    await page
      .getByRole('option', { name: /Hà Nội/ })
      .first()
      .waitFor();
    await kb.press('ArrowDown');
    await kb.press('Enter');
    const commune = page.getByRole('combobox', { name: 'Xã, phường, đặc khu' });
    await commune.focus();
    await kb.type('Ba Dinh');
    await page
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
    await kb.press('ArrowDown'); // "Chủ hộ"
    await kb.press('ArrowDown'); // "Vợ, chồng"
    await kb.press('Tab');
    await kb.type('001093011122');
    await kb.press('Tab');
    await kb.press('Space'); // first "Trường hợp đăng ký"
    await page.getByRole('checkbox', { name: /chỗ ở hợp pháp đã có/ }).focus();
    await kb.press('Space');
    await page.getByRole('button', { name: 'Tiếp tục' }).focus();
    await kb.press('Enter');

    // Step 3: nobody else changes residence.
    await page.getByRole('heading', { name: 'Thành viên cùng thay đổi', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).focus();
    await kb.press('Enter');

    // Step 4: the request and the sworn statement.
    await page.getByRole('heading', { name: 'Nội dung đề nghị và cam đoan', level: 2 }).waitFor();
    await page.getByRole('textbox', { name: 'Nội dung đề nghị' }).focus();
    await kb.type('Đề nghị đăng ký thường trú cho bản thân vào hộ gia đình chồng.');
    await page.getByRole('checkbox', { name: /^Tôi cam đoan/ }).focus();
    await kb.press('Space');
    await page.getByRole('button', { name: 'Tiếp tục' }).focus();
    await kb.press('Enter');

    // Step 5: no file needed (the dwelling is in the database).
    await page.getByRole('heading', { name: 'Giấy tờ kèm theo', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).focus();
    await kb.press('Enter');

    // Review, consent, submit.
    await page.getByRole('heading', { name: 'Kiểm tra lại thông tin', level: 2 }).waitFor();
    assert.ok(await page.getByText('Tổng cộng: 10.000 ₫').isVisible(), 'the review shows the online fee');
    await page.getByRole('checkbox', { name: /lời khai của mình/ }).focus();
    await kb.press('Space');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).focus();
    await kb.press('Enter');

    // The host page's note (from the dvc-submitted event) and the element's receipt show the code.
    const note = page.locator('[data-submitted-note]');
    await note.waitFor({ state: 'visible', timeout: 30_000 });
    const noteText = (await note.textContent()) ?? '';
    const code = DOSSIER_CODE.exec(noteText)?.[0];
    assert.ok(code, `the note names a dossier code: "${noteText}"`);
    assert.ok(await page.getByText(code, { exact: false }).first().isVisible(), 'the code is visible');
    assert.deepEqual(errors, [], 'no uncaught error in the page');

    // Look the dossier up from the link in the note.
    await note.getByRole('link').focus();
    await Promise.all([page.waitForURL('**/tra-cuu.html?ma=*'), kb.press('Enter')]);
    const status = page.locator('dvc-dossier-status');
    await status.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    const text = await status.evaluate((el) => el.shadowRoot?.textContent ?? '');
    assert.ok(text.includes(code), 'the lookup shows the code');
    assert.ok(text.includes('Đăng ký thường trú'), 'and the procedure');
    assert.ok(text.includes('Đã nộp, chờ tiếp nhận'), 'and its status');
    await page.close();
  });

  it('the status lookup says so when no dossier has the code', async () => {
    const { page } = await openPage();
    await page.goto(`${base}/tra-cuu.html`);
    const input = page.getByRole('textbox', { name: 'Mã hồ sơ' });
    await input.focus();
    await page.keyboard.type('000.00.00.H30-990101-9999');
    await page.keyboard.press('Enter');
    await page.getByText('Không tìm thấy hồ sơ có mã 000.00.00.H30-990101-9999').first().waitFor();
    assert.match(page.url(), /\?ma=000\.00\.00\.H30-990101-9999$/, 'the lookup is written to the address');
    await page.close();
  });

  it('the strict-CSP page is served with the strict policy and runs the procedure with zero violations', async () => {
    const { page, errors, violations } = await openPage();
    const response = await page.goto(`${base}/strict-csp.html`);
    assert.ok(response, 'the page loaded');
    assert.equal(
      response.headers()['content-security-policy'],
      STRICT_CSP,
      'the server must send this Content-Security-Policy for /strict-csp.html (rule in demo/headers.json)',
    );
    await page.getByRole('heading', { name: 'Đăng ký thường trú', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Bắt đầu' }).click(); // a page task: Lit renders the step under CSP
    await page.getByRole('heading', { name: 'Người đề nghị', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click(); // validation and the error summary render
    await page.getByRole('alert').first().waitFor();
    assert.deepEqual(await violations(), [], 'no securitypolicyviolation');
    assert.deepEqual(errors, [], 'no uncaught error');
    await page.close();
  });
});
