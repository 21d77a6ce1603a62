/**
 * The built SDK under the strictest Content-Security-Policy a government site uses: no inline script, no
 * eval, styles only from 'self', and Trusted Types enforced with Lit's policy as the only one allowed.
 *
 * A tiny node:http server serves dist/ with that header, under a path of its own choosing (as a site that
 * copies dist/ anywhere would: the bundles and their chunks must find each other relatively); Chromium
 * (playwright-core) loads dist/dvc-forms.js with one script tag, and then each dist/procedures/<slug>.js
 * alone (with the chunks it imports). Violations are collected by a listener loaded from 'self' (never
 * through page.evaluate, which CSP does not govern).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './helpers.js';
import type { FormModel } from '../../src/runtime/model.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "require-trusted-types-for 'script'; trusted-types lit-html";

/** Procedures built into dist/procedures, with the Vietnamese title each must show (from its model). */
const procedures = await Promise.all(
  (existsSync(join(dist, 'procedures')) ? readdirSync(join(dist, 'procedures')) : [])
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map(async (f) => {
      const slug = f.slice(0, -3);
      const model: FormModel = (await import(pathToFileURL(join(root, 'generated/procedures', slug, 'model.js')).href)).default;
      return { slug, tag: model.tag, title: model.procedure.title.vi, firstStep: model.steps[0]?.title.vi };
    }),
);

/** Listener served from 'self': counts violations into an attribute the test reads through the DOM. */
const LISTENER = `
  const root = document.documentElement;
  root.setAttribute('data-csp-violations', '0');
  document.addEventListener('securitypolicyviolation', (e) => {
    root.setAttribute('data-csp-violations', String(Number(root.getAttribute('data-csp-violations')) + 1));
    const list = root.getAttribute('data-csp-detail') || '';
    root.setAttribute('data-csp-detail', list + e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '') + '\\n');
  });
`;

/** Breaks the policy on purpose (from a timer, as page code would): proves the listener sees violations. */
const PROBE = `
  setTimeout(() => {
    try { eval('1'); } catch {}
    try { document.body.innerHTML = '<b>not trusted</b>'; } catch {}
    document.body.setAttribute('data-probe-done', '');
  }, 10);
`;

const page = (title: string, scripts: string[], tags: string[]): string => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${title}</title>
<script src="/csp-listener.js"></script>
${scripts.map((s) => `<script type="module" src="${s}"></script>`).join('\n')}
</head><body>
${tags.map((t) => `<${t} drafts="off"></${t}>`).join('\n')}
</body></html>`;

/** Where the server puts dist/: a deep path unlike the repo's, so no bundle can rely on `/dist/`. */
const MOUNT = '/static/vendor/dvc-forms-0.1/';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json' };

let server: Server;
let base: string;
let browser: Browser;

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (url.pathname === '/csp-listener.js') return send(200, 'text/javascript', LISTENER);
    if (url.pathname === '/probe.js') return send(200, 'text/javascript', PROBE);
    if (url.pathname === '/probe.html') return send(200, 'text/html; charset=utf-8', page('probe', ['/probe.js'], []));
    if (url.pathname === '/all.html') {
      return send(
        200,
        'text/html; charset=utf-8',
        page(
          'all',
          [`${MOUNT}dvc-forms.js`],
          procedures.map((p) => p.tag),
        ),
      );
    }
    const one = /^\/one\/([a-z0-9-]+)\.html$/.exec(url.pathname);
    if (one) {
      return send(200, 'text/html; charset=utf-8', page(one[1]!, [`${MOUNT}procedures/${one[1]}.js`], [`dvc-${one[1]}`]));
    }
    if (url.pathname.startsWith(MOUNT)) {
      const file = normalize(join(dist, decodeURIComponent(url.pathname.slice(MOUNT.length))));
      if (file.startsWith(dist) && existsSync(file)) {
        return send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
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

/** Opens `path`, collecting page errors and failed console messages. */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const p = await browser.newPage();
  const problems: string[] = [];
  p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  p.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  const res = await p.goto(base + path);
  assert.equal(res?.status(), 200);
  assert.equal(res?.headers()['content-security-policy'], CSP);
  return { page: p, problems };
}

async function assertNoViolations(p: Page, problems: string[]): Promise<void> {
  // Let late work (lazy locales, microtasks after first render) happen before counting.
  await p.waitForTimeout(300);
  const html = p.locator('html');
  const count = await html.getAttribute('data-csp-violations');
  const detail = (await html.getAttribute('data-csp-detail')) ?? '';
  assert.equal(count, '0', `CSP violations:\n${detail}`);
  assert.deepEqual(problems, []);
}

describe('strict CSP + Trusted Types', () => {
  it('dist/ holds the one-file bundle and at least one compiled procedure', () => {
    assert.ok(existsSync(join(dist, 'dvc-forms.js')), 'dist/dvc-forms.js is missing: run `npm run build`');
    assert.ok(procedures.length > 0, 'dist/procedures/ is empty: run `npm run build`');
  });

  it('dist/dvc-forms.js from one script tag renders every procedure with zero violations', async () => {
    const { page: p, problems } = await open('/all.html');
    for (const { tag, title } of procedures) {
      await p.locator(tag).getByText(title, { exact: false }).first().waitFor({ state: 'visible', timeout: 15_000 });
    }
    await assertNoViolations(p, problems);
    await p.close();
  });

  it('the violation listener catches eval and an untrusted innerHTML (the check can fail)', async () => {
    const { page: p } = await open('/probe.html');
    await p.locator('body[data-probe-done]').waitFor({ state: 'attached' });
    const count = Number(await p.locator('html').getAttribute('data-csp-violations'));
    const detail = (await p.locator('html').getAttribute('data-csp-detail')) ?? '';
    assert.ok(count >= 2, `expected the eval and the innerHTML to be reported, got ${count}: ${detail}`);
    // Under require-trusted-types-for, Chromium reports eval as a Trusted Types sink violation.
    assert.match(detail, /eval/);
    assert.match(detail, /innerHTML/);
    await p.close();
  });

  for (const { slug, tag, title, firstStep } of procedures) {
    it(`dist/procedures/${slug}.js alone renders <${tag}> and its first step with zero violations`, async () => {
      const { page: p, problems } = await open(`/one/${slug}.html`);
      const form = p.locator(tag);
      await form.getByText(title, { exact: false }).first().waitFor({ state: 'visible', timeout: 15_000 });
      // Start the procedure with a real click (a page task, as a citizen would), so the first step's field
      // components render under the policy too.
      await form.locator('[part~="start-button"]').click();
      if (firstStep) await form.getByText(firstStep, { exact: false }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await assertNoViolations(p, problems);
      await p.close();
    });
  }
});
