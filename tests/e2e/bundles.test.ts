/**
 * The page bundles in dist/ as a browser downloads them: a tiny node:http server serves dist/ under a path
 * of its own (as a site that copies dist/ anywhere would) with the strict CSP of csp.test.ts, records every
 * request, and Chromium (playwright-core) opens pages that embed procedures with one script tag each.
 *
 * - the admin-unit list is a chunk of its own, not fetched while no address field is shown, fetched when
 *   one appears, and never fetched when the page gives the field another list (a back end's);
 * - two procedures on one page fetch the shared SDK chunk once;
 * - what a page downloads before its first step shows is what scripts/size-report.mjs counts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './helpers.js';
// @ts-expect-error: plain ESM script without declarations (scripts/ holds Node build scripts only).
import { importsOf, pageFiles, staticClosure } from '../../scripts/size-report.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** dist/ as built by `npm run build` (DVC_DIST_DIR: a build elsewhere, as scripts/size-report.mjs reads it). */
const dist = process.env.DVC_DIST_DIR ? resolve(process.env.DVC_DIST_DIR) : join(root, 'dist');

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "require-trusted-types-for 'script'; trusted-types lit-html";

/** Where dist/ is served: not `/dist/`, so nothing may rely on the repo's layout. */
const MOUNT = '/assets/js/dvc/';

/** A procedure whose first step holds no address field, and the step after it that holds some. */
const NO_ADDRESS_FIRST = 'criminal-record-certificate';
/** A procedure whose first step holds an address field. */
const ADDRESS_FIRST = 'birth-registration';
/** A second procedure for the two-procedure page. */
const SECOND = 'marriage-registration';

/** A back end's list of units, in the shape of `GET /admin-units` (one province, one commune). */
const BACKEND_UNITS = {
  provinces: [
    { code: '01', name: 'Hà Nội', nameEn: 'Hanoi', kind: 1, communes: [{ code: '00004', name: 'Ba Đình', nameEn: 'Ba Dinh', kind: 3 }] },
  ],
};

/** Classic script from 'self' that runs before the module bundles: hands the field the back end's list. */
const SET_LOADER = `
  const field = document.querySelector('dvc-address-field');
  field.loader = () => fetch('/api/v1/admin-units').then((r) => r.json());
`;

type Req = { path: string };
type Bundles = { entries: string[]; chunks: string[] };

const html = (title: string, body: string, scripts: string[]): string => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${title}</title>
${scripts
  .filter((s) => s.startsWith(MOUNT))
  .map((s) => `<script type="module" src="${s}"></script>`)
  .join('\n')}
</head><body>
${body}
${scripts
  .filter((s) => !s.startsWith(MOUNT))
  .map((s) => `<script src="${s}"></script>`)
  .join('\n')}
</body></html>`;

let server: Server;
let base: string;
let browser: Browser;
let requests: Req[] = [];
let files: Bundles;

before(async () => {
  assert.ok(existsSync(join(dist, 'dvc-forms.js')), 'dist/dvc-forms.js is missing: run `npm run build`');
  files = pageFiles() as Bundles;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ path: url.pathname });
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    const one = /^\/one\/([a-z0-9-]+)\.html$/.exec(url.pathname);
    if (one)
      return send(
        200,
        'text/html; charset=utf-8',
        html(one[1]!, `<dvc-${one[1]} drafts="off"></dvc-${one[1]}>`, [`${MOUNT}procedures/${one[1]}.js`]),
      );
    if (url.pathname === '/two.html') {
      const body = [NO_ADDRESS_FIRST, SECOND].map((s) => `<dvc-${s} drafts="off"></dvc-${s}>`).join('\n');
      return send(
        200,
        'text/html; charset=utf-8',
        html(
          'two',
          body,
          [NO_ADDRESS_FIRST, SECOND].map((s) => `${MOUNT}procedures/${s}.js`),
        ),
      );
    }
    if (url.pathname === '/field-with-backend-list.html') {
      const body = '<dvc-address-field name="a" label="Nơi cư trú"></dvc-address-field>';
      return send(200, 'text/html; charset=utf-8', html('backend list', body, [`${MOUNT}dvc-forms.js`, '/set-loader.js']));
    }
    if (url.pathname === '/field-with-bundled-list.html') {
      const body = '<dvc-address-field name="a" label="Nơi cư trú"></dvc-address-field>';
      return send(200, 'text/html; charset=utf-8', html('bundled list', body, [`${MOUNT}dvc-forms.js`]));
    }
    if (url.pathname === '/set-loader.js') return send(200, 'text/javascript', SET_LOADER);
    if (url.pathname === '/api/v1/admin-units') return send(200, 'application/json', JSON.stringify(BACKEND_UNITS));
    if (url.pathname.startsWith(MOUNT)) {
      const file = normalize(join(dist, decodeURIComponent(url.pathname.slice(MOUNT.length))));
      if (file.startsWith(dist) && existsSync(file)) {
        const type = extname(file) === '.js' ? 'text/javascript' : 'application/json';
        return send(200, type, readFileSync(file));
      }
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** The one chunk whose file name starts with `name-` (e.g. `admin-units`), relative to dist/. */
function chunk(name: string): string {
  const found = files.chunks.filter((c) => c.startsWith(`chunks/${name}-`));
  assert.equal(found.length, 1, `expected one dist/chunks/${name}-<hash>.js, found ${JSON.stringify(found)}`);
  return found[0]!;
}

/** Paths (relative to dist/) of the bundle files fetched so far, in order, with repeats. */
const fetched = (): string[] =>
  requests.filter((r) => r.path.startsWith(MOUNT) && r.path.endsWith('.js')).map((r) => r.path.slice(MOUNT.length));

/** Opens a page with a fresh request log; fails on page errors and console errors. */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  requests = [];
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  const res = await page.goto(base + path);
  assert.equal(res?.status(), 200);
  return { page, problems };
}

/** Starts a procedure with a real click and waits for its first step's heading. */
async function start(form: Locator): Promise<void> {
  await form.locator('[part~="start-button"]').click();
  await form.locator('[part~="next-button"]').waitFor({ state: 'visible', timeout: 15_000 });
}

describe('page bundles: shared chunks', () => {
  it('procedure bundles import the shared SDK chunk relatively and lazy chunks dynamically', () => {
    const sdk = chunk('sdk');
    const admin = chunk('admin-units');
    for (const entry of files.entries) {
      const closure = staticClosure([entry]) as string[];
      assert.ok(closure.includes(sdk), `${entry} does not load ${sdk}`);
      assert.ok(!closure.includes(admin), `${entry} loads ${admin} before any address field is shown`);
    }
    const dynamicImporters = [...files.entries, ...files.chunks].filter((f) =>
      (importsOf(f) as { dynamic: string[] }).dynamic.includes(admin),
    );
    assert.ok(dynamicImporters.length > 0, `nothing imports ${admin} dynamically`);
  });

  it('the admin-unit list is not fetched while the first step has no address field, and is once one appears', async () => {
    const { page, problems } = await open(`/one/${NO_ADDRESS_FIRST}.html`);
    const form = page.locator(`dvc-${NO_ADDRESS_FIRST}`);
    await start(form);
    await page.waitForTimeout(300);
    const admin = chunk('admin-units');
    const before = fetched();
    // Before the first step shows, the page fetched exactly the static closure the size report counts.
    assert.deepEqual([...new Set(before)].sort(), staticClosure([`procedures/${NO_ADDRESS_FIRST}.js`]));
    assert.ok(!before.includes(admin), `${admin} fetched on a first step without an address field`);

    // The first step asks only for the receiving agency; the next one holds the applicant's addresses.
    const agency = form.locator('dvc-choice-field[name="/receivingAgency"] select');
    const firstCode = await agency.locator('option:not([value=""])').first().getAttribute('value');
    await agency.selectOption(firstCode!);
    await form.locator('[part~="next-button"]').click();
    await form.locator('dvc-address-field').first().waitFor({ state: 'visible', timeout: 15_000 });
    await form.locator('dvc-address-field').first().locator('input[role="combobox"]').first().waitFor({ state: 'visible' });
    await waitForFetch(admin);
    assert.equal(fetched().filter((f) => f === admin).length, 1, `${admin} fetched more than once`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a first step with an address field fetches the admin-unit list when it shows, not before', async () => {
    const { page, problems } = await open(`/one/${ADDRESS_FIRST}.html`);
    const form = page.locator(`dvc-${ADDRESS_FIRST}`);
    await form.locator('[part~="start-button"]').waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(300);
    const admin = chunk('admin-units');
    assert.ok(!fetched().includes(admin), `${admin} fetched on the "before you start" page`);
    await start(form);
    await waitForFetch(admin);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('two procedures on one page fetch the shared SDK chunk once', async () => {
    const { page, problems } = await open('/two.html');
    for (const slug of [NO_ADDRESS_FIRST, SECOND]) {
      await page.locator(`dvc-${slug} [part~="start-button"]`).waitFor({ state: 'visible', timeout: 15_000 });
    }
    const sdk = chunk('sdk');
    const got = fetched();
    assert.equal(got.filter((f) => f === sdk).length, 1, `${sdk} fetched ${got.filter((f) => f === sdk).length} times: ${got.join(', ')}`);
    // Each file once, and exactly the union of both procedures' static closures.
    assert.equal(new Set(got).size, got.length, `a file was fetched twice: ${got.join(', ')}`);
    assert.deepEqual([...got].sort(), staticClosure([`procedures/${NO_ADDRESS_FIRST}.js`, `procedures/${SECOND}.js`]));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it("an address field given a back end's list never fetches the bundled one", async () => {
    const { page, problems } = await open('/field-with-backend-list.html');
    const field = page.locator('dvc-address-field');
    const province = field.locator('input#province');
    await province.waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForFunction(
      () => !document.querySelector('dvc-address-field')?.shadowRoot?.querySelector('input#province')?.hasAttribute('disabled'),
    );
    await province.fill('Ha');
    await field.getByRole('option', { name: /Hà Nội/ }).waitFor({ state: 'visible' });
    await page.waitForTimeout(300);
    assert.ok(
      requests.some((r) => r.path === '/api/v1/admin-units'),
      'the back end list was not requested',
    );
    assert.ok(!fetched().includes(chunk('admin-units')), 'the bundled list was fetched although the page gave a loader');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the same field without a loader fetches the bundled list (the check above can fail)', async () => {
    const { page, problems } = await open('/field-with-bundled-list.html');
    await page.locator('dvc-address-field input#province').waitFor({ state: 'visible', timeout: 15_000 });
    await waitForFetch(chunk('admin-units'));
    assert.ok(!requests.some((r) => r.path === '/api/v1/admin-units'));
    assert.deepEqual(problems, []);
    await page.close();
  });
});

/** Waits until `file` (relative to dist/) was requested. */
async function waitForFetch(file: string, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  while (!fetched().includes(file)) {
    if (Date.now() > until) assert.fail(`${file} was never fetched; fetched: ${fetched().join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
