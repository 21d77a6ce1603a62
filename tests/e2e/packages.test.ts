/**
 * The packages as a site gets them. `scripts/pack.mjs` packs the four workspaces; the SDK and compiler
 * tarballs are installed into an empty project (from the tarballs, dependencies from the registry, as a
 * province web team would); the installed `dvc-forms` CLI compiles a commune's own procedure with plain
 * Node (no tsx); the runtime is imported and judges a dossier; the installed tree holds none of the
 * server's dependencies. Then a page made only of static files (the installed SDK's dist/ and the
 * procedure compiled with `--bundle`) is served under the strict CSP by the reference server, and
 * Chromium files a dossier through it: no bundler anywhere.
 *
 * Needs the build (`npm run build`). Installing needs the npm registry (or its cache).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DOSSIER_CODE, launchChromium, root, startReferenceServer, STRICT_CSP, type StartedServer } from './helpers.js';

const fixture = path.join(root, 'tests/e2e/fixtures/site-permit.json');

/** The server's dependencies (and the heaviest of them): none may reach a site that installs the SDK. */
const SERVER_ONLY = [
  'fastify',
  '@electric-sql/pglite',
  'pg',
  '@tus/server',
  '@tus/s3-store',
  '@tus/file-store',
  '@aws-sdk',
  'vnpay',
  'tsx',
];

let tmp: string;
let project: string;
let tarballs: Record<string, string>;

/** Runs a command; fails the test with its output when it exits non-zero. */
function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 10 * 60_000 });
  assert.equal(r.status, 0, `${command} ${args.join(' ')} (in ${cwd}) failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Every package folder under node_modules (scoped ones as `@scope/name`). */
function installed(dir: string): string[] {
  const nm = path.join(dir, 'node_modules');
  const names: string[] = [];
  const walk = (at: string): void => {
    if (!existsSync(at)) return;
    for (const entry of readdirSync(at)) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        for (const sub of readdirSync(path.join(at, entry))) names.push(`${entry}/${sub}`);
        if (entry === '@aws-sdk' || entry === '@tus') names.push(entry);
      } else {
        names.push(entry);
        walk(path.join(at, entry, 'node_modules'));
      }
    }
  };
  walk(nm);
  return names;
}

before(() => {
  assert.ok(existsSync(path.join(root, 'dist/sdk.js')), 'dist/sdk.js is missing: run `npm run build`');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dvc-packages-'));
  tarballs = JSON.parse(
    sh(process.execPath, [path.join(root, 'scripts/pack.mjs'), '--out', path.join(tmp, 'tarballs'), '--json'], root),
  ) as Record<string, string>;
  project = path.join(tmp, 'site');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'commune-site', private: true, type: 'module' }, null, 2));
  const install = ['install', '--no-audit', '--no-fund', '--prefer-offline', tarballs['dvc-forms'], tarballs['@dvc-forms/compiler']];
  sh('npm', install, project);
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm pack of each package', () => {
  it('packs the four packages, each with only its own files', () => {
    assert.deepEqual(Object.keys(tarballs).sort(), ['@dvc-forms/compiler', '@dvc-forms/conformance', '@dvc-forms/server', 'dvc-forms']);
    const list = (tgz: string) =>
      sh('tar', ['-tzf', tgz], tmp)
        .split('\n')
        .filter(Boolean)
        .map((f) => f.replace(/^package\//, ''));
    const sdk = list(tarballs['dvc-forms']);
    for (const f of [
      'dist/sdk.js',
      'dist/dvc-forms.js',
      'dist/lib/index.js',
      'dist/types/index.d.ts',
      'custom-elements.json',
      'LICENSE',
      'README.md',
    ]) {
      assert.ok(sdk.includes(f), `the SDK tarball holds ${f}`);
    }
    assert.deepEqual(
      sdk.filter((f) => /^(tests|server|compiler|conformance|stories|demo|src)\//.test(f)),
      [],
      'the SDK ships no tests, server, compiler, stories, demo or sources',
    );
    const compiler = list(tarballs['@dvc-forms/compiler']);
    for (const f of ['bin/dvc-forms.mjs', 'dist/cli.js', 'dist/index.d.ts', 'schemas/procedure.schema.json', 'schemas/common.json'])
      assert.ok(compiler.includes(f), `the compiler tarball holds ${f}`);
    const server = list(tarballs['@dvc-forms/server']);
    for (const f of ['bin/dvc-forms-server.mjs', 'dist/main.js', 'Dockerfile', 'README.md'])
      assert.ok(server.includes(f), `the server tarball holds ${f}`);
    assert.ok(
      server.some((f) => f.startsWith('migrations/')),
      'the server tarball holds its migrations',
    );
    const kit = list(tarballs['@dvc-forms/conformance']);
    for (const f of ['bin/dvc-conformance.mjs', 'dist/cli.js', 'openapi.yaml'])
      assert.ok(kit.includes(f), `the conformance tarball holds ${f}`);
  });

  it('publishes no file: dependency and no repository-only export condition', () => {
    for (const [name, tgz] of Object.entries(tarballs)) {
      const manifest = JSON.parse(sh('tar', ['-xzOf', tgz, 'package/package.json'], tmp)) as Record<string, unknown>;
      const text = JSON.stringify(manifest);
      assert.doesNotMatch(text, /"file:/, `${name}: no file: dependency`);
      assert.doesNotMatch(text, /dvc-source/, `${name}: no dvc-source condition`);
      assert.equal(manifest.devDependencies, undefined, `${name}: no devDependencies`);
    }
  });
});

describe('the SDK and the compiler installed into an empty project', () => {
  it("pulls in none of the server's dependencies", () => {
    const names = installed(project);
    assert.ok(names.includes('dvc-forms') && names.includes('lit'), 'the SDK and Lit are installed');
    assert.deepEqual(
      SERVER_ONLY.filter((n) => names.includes(n)),
      [],
      "server dependencies in the site's node_modules",
    );
  });

  it("the installed CLI compiles a definition of the site's own with plain Node", () => {
    cpSync(fixture, path.join(project, 'site-permit.json'));
    // Plain `node`, with no loader hook inherited from this test process.
    const out = sh(
      process.execPath,
      ['node_modules/@dvc-forms/compiler/bin/dvc-forms.mjs', 'compile', 'site-permit.json', '--out', 'public/procedures', '--bundle'],
      project,
      { NODE_OPTIONS: '' },
    );
    assert.match(out, /compiled site-permit\.json → public\/procedures\/site-permit and public\/procedures\/site-permit\.js/);
    const bin = sh(process.execPath, ['node_modules/.bin/dvc-forms', '--help'], project, { NODE_OPTIONS: '' });
    assert.match(bin, /Usage: dvc-forms compile/);
    for (const f of ['validator.js', 'model.js', 'element.js', 'define.js', 'types.d.ts'])
      assert.ok(existsSync(path.join(project, 'public/procedures/site-permit', f)), f);
  });

  it('imports the runtime and judges a dossier with the compiled validator', () => {
    writeFileSync(
      path.join(project, 'judge.mjs'),
      `import { validateDossier } from 'dvc-forms/runtime/validate.js';
import model from './public/procedures/site-permit/model.js';
import * as validator from './public/procedures/site-permit/validator.js';
const good = { applicant: { fullName: 'Nguyễn Văn An', phone: '0912345678' }, event: { name: 'Hội làng', days: 2 } };
const bad = { applicant: { fullName: 'Nguyễn Văn An', phone: '12' }, event: { name: 'Hội làng', days: 2 } };
const errors = (data) => validateDossier(model, validator, data).filter((i) => i.severity === 'error');
console.log(JSON.stringify({ good: errors(good), bad: errors(bad) }));
`,
    );
    const result = JSON.parse(sh(process.execPath, ['judge.mjs'], project, { NODE_OPTIONS: '' })) as Record<
      'good' | 'bad',
      Array<{ pointer: string; keyword: string }>
    >;
    assert.deepEqual(result.good, []);
    assert.deepEqual(
      result.bad.map((e) => [e.pointer, e.keyword]),
      [['/applicant/phone', 'pattern']],
    );
  });
});

describe('a page of static files only (dist/ + one procedure compiled with --bundle)', () => {
  let server: StartedServer;
  let base: string;
  let browser: Browser;

  before(async () => {
    const site = path.join(project, 'public');
    // The site copies the installed SDK's dist/ beside its procedures (the default --sdk-url, ./dvc-forms/).
    cpSync(path.join(project, 'node_modules/dvc-forms/dist'), path.join(site, 'procedures/dvc-forms'), { recursive: true });
    writeFileSync(
      path.join(site, 'index.html'),
      `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Giấy phép lễ hội</title>
<script type="module" src="procedures/site-permit.js"></script>
</head><body><main><h1>Xã thử nghiệm</h1>
<dvc-site-permit api-base="/api/v1" drafts="off"></dvc-site-permit>
</main></body></html>
`,
    );
    writeFileSync(
      path.join(site, 'headers.json'),
      JSON.stringify({ rules: [{ path: '*', headers: { 'Content-Security-Policy': STRICT_CSP } }] }),
    );
    server = await startReferenceServer({ STATIC_DIR: `/site/=${site}`, PROCEDURES_DIR: path.join(site, 'procedures') });
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('files a dossier in Chromium under the strict CSP, with zero violations', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(`${base}/site/index.html`);
    assert.equal(response?.headers()['content-security-policy'], STRICT_CSP);

    await page.getByRole('heading', { name: 'Cấp giấy phép tổ chức lễ hội (thử nghiệm của xã)' }).first().waitFor();
    const start = page.getByRole('button', { name: 'Bắt đầu' });
    if (await start.count()) await start.click();
    await page.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).fill('Nguyễn Văn An');
    await page.getByRole('textbox', { name: 'Số điện thoại' }).fill('0912345678');
    const next = page.getByRole('button', { name: 'Tiếp tục' });
    const eventName = page.getByRole('textbox', { name: 'Tên lễ hội' });
    if (!(await eventName.isVisible())) await next.click();
    await eventName.fill('Hội làng Đông Hòa');
    await page
      .getByRole('spinbutton', { name: 'Số ngày tổ chức' })
      .or(page.getByRole('textbox', { name: 'Số ngày tổ chức' }))
      .fill('2');
    const review = page.getByRole('heading', { name: 'Kiểm tra lại thông tin', level: 2 });
    for (let i = 0; i < 4 && !(await review.isVisible()); i++) await next.click();
    await review.waitFor();
    await page.getByRole('checkbox', { name: /lời khai của mình/ }).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    const receipt = page.getByText(DOSSIER_CODE).first();
    await receipt.waitFor({ timeout: 30_000 });
    const code = DOSSIER_CODE.exec((await receipt.textContent()) ?? '')?.[0];
    assert.ok(code, 'the receipt shows a dossier code');

    // The back end holds it, judged with the validator.js the same installed CLI wrote.
    const lookup = await fetch(`${base}/api/v1/dossiers/${encodeURIComponent(code)}`);
    assert.equal(lookup.status, 200);
    const body = (await lookup.json()) as { code: string; procedure: string };
    assert.equal(body.code, code);
    assert.equal(body.procedure, 'site-permit');

    assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), [], 'no securitypolicyviolation');
    assert.deepEqual(errors, [], 'no uncaught error');
    assert.ok(
      scripts.length > 0 && scripts.every((s) => s.startsWith('/site/procedures/')),
      `every script is one of the site's static files: ${scripts.join(', ')}`,
    );
    assert.ok(scripts.includes('/site/procedures/dvc-forms/sdk.js'), 'the procedure loads the SDK from --sdk-url');
    await page.close();
  });
});

describe('the compiler refuses a shipped schema it does not have', () => {
  it('names the schemas it ships', () => {
    const bad = JSON.parse(readFileSync(fixture, 'utf8')) as { properties: { applicant: { properties: Record<string, unknown> } } };
    bad.properties.applicant.properties.phone = { $ref: 'https://dvc-forms.dev/schemas/nope.json#/$defs/phone' };
    writeFileSync(path.join(project, 'bad.json'), JSON.stringify(bad));
    const r = spawnSync(process.execPath, ['node_modules/.bin/dvc-forms', 'compile', 'bad.json', '--out', 'bad-out'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /bad\.json:\/properties\/applicant\/properties\/phone\/\$ref: .*does not ship; it ships "common\.json" and "civil-status\.json"/,
    );
    assert.equal(existsSync(path.join(project, 'bad-out')), false);
  });
});
