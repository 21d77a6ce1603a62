/**
 * The conformance kit against the reference back end (must pass), against the same back end behind a
 * proxy that breaks the contract on purpose (must fail, saying what is wrong), and against a tiny
 * hand-written back end that gets shapes and statuses wrong.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer, type DvcServer } from '../../../server/src/app.js';
import { loadConfig } from '../../../server/src/config.js';
import { compileDirectory } from '../../../compiler/src/index.js';
import {
  breakData,
  loadFixtures,
  FIXTURES_DIR,
  runConformance,
  vietqrAmount,
  type ConformanceReport,
} from '../../../conformance/src/kit.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

let tmp: string;
let app: DvcServer;
let api: string;
const servers: http.Server[] = [];

async function listen(server: http.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'dvc-conformance-'));
  const proceduresDir = path.join(tmp, 'procedures');
  const compiled = await compileDirectory(path.join(root, 'schemas/procedures'), proceduresDir, {
    runtimeImport: path.join(root, 'src'),
  });
  assert.deepEqual(compiled.problems, [], 'the example procedures compile');
  const config = {
    // The kit runs several times against this one server: more public lookups a minute than the default limit.
    ...loadConfig({ DEV_IDP: '1', LOG_LEVEL: 'warn', LOOKUP_RATE_LIMIT: '2000' }, tmp),
    port: 0,
    dataDir: path.join(tmp, 'data'),
    uploadsDir: path.join(tmp, 'data/uploads'),
    proceduresDir,
  };
  app = await createServer(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  api = `http://127.0.0.1:${address.port}/api/v1`;
});

after(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
  await app?.close();
  await rm(tmp, { recursive: true, force: true });
});

function failures(report: ConformanceReport): Map<string, string> {
  return new Map(report.results.filter((r) => r.status === 'fail').map((r) => [r.title, r.message ?? '']));
}

/** Runs the CLI as a user would; resolves with its exit code and output. */
function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=dvc-source', '--import', 'tsx', path.join(root, 'conformance/src/cli.ts'), ...args],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('conformance kit', () => {
  it('passes every check against the reference back end', async () => {
    const report = await runConformance({ baseUrl: api, devIdp: true });
    assert.deepEqual([...failures(report)], [], 'no check fails against the reference back end');
    assert.equal(report.skipped, 0, 'with --dev-idp nothing is skipped');
    assert.ok(report.passed >= 45, `ran the whole kit (${report.passed} passed)`);
    const titles = report.results.map((r) => r.title);
    for (const title of [
      'security: the public lookup shows the payment without its id',
      'security: hostile bodies answer 4xx problem details, never 5xx',
      'security: answers carry X-Content-Type-Options: nosniff; the public lookup is not cached (no-store)',
      'security: the public lookup shows none of the dossier’s answers (names, ID numbers, addresses)',
      'security: the public lookup shows no fee note decided by an x-sensitive answer (fee category)',
    ]) {
      assert.ok(titles.includes(title), title);
    }
    for (const slug of ['birth-registration', 'criminal-record-certificate', 'marriage-registration', 'permanent-residence-registration']) {
      assert.ok(titles.includes(`${slug}: a valid dossier is accepted: 201, a dossier code and an appointment date`), slug);
    }
  });

  it('passes without a token too: uploads and submissions then carry an anonymous Dvc-Session', async () => {
    const report = await runConformance({ baseUrl: api });
    assert.deepEqual([...failures(report)], [], 'no check fails anonymously');
    const titles = new Set(report.results.filter((r) => r.status === 'pass').map((r) => r.title));
    for (const t of [
      'uploads (security): creating an upload with neither a token nor a session secret answers 401',
      'uploads (security): another owner cannot HEAD, PATCH, GET or DELETE an upload (404 or 403); the owner’s bytes stay',
      'dossiers (security): a dossier naming another owner’s upload answers 422 pointing at that attachment',
      'uploads (security): an upload a submitted dossier references cannot be deleted (409 or 403); its bytes stay',
    ]) {
      assert.ok(titles.has(t), t);
    }
  });

  it('runs the two-citizen checks with --token and --token2, without the development issuer', async () => {
    const citizens = (await (await fetch(`${api}/dev-idp/citizens`)).json()) as Array<{ sub: string }>;
    const tokenOf = async (sub: string): Promise<string> =>
      (
        (await (
          await fetch(`${api}/dev-idp/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sub }),
          })
        ).json()) as { access_token: string }
      ).access_token;
    const [token, token2] = await Promise.all([tokenOf(citizens[0].sub), tokenOf(citizens[1].sub)]);
    const report = await runConformance({ baseUrl: api, token, token2 });
    assert.deepEqual([...failures(report)], [], 'no check fails');
    const status = new Map(report.results.map((r) => [r.title, r.status]));
    assert.equal(status.get('an Idempotency-Key reused by another citizen never answers the first citizen’s receipt'), 'pass');
    assert.equal(status.get('drafts: PUT, GET, DELETE round trip'), 'pass');
    const alone = await runConformance({ baseUrl: api, token });
    assert.equal(
      alone.results.find((r) => r.title === 'an Idempotency-Key reused by another citizen never answers the first citizen’s receipt')
        ?.status,
      'skip',
      'with one citizen the check is skipped, not passed',
    );
  });

  it('the CLI prints ✓ lines and a summary and exits 0 against the reference back end', async () => {
    const { code, out } = await runCli(['--url', api, '--dev-idp']);
    assert.equal(
      code,
      0,
      out
        .split('\n')
        .filter((l) => /^(✗| {4})/.test(l))
        .join('\n'),
    );
    assert.match(out, /^✓ GET \/health answers 200 with status "ok"$/m);
    assert.match(out, /^\d+ passed, 0 failed, 0 skipped$/m);
    assert.doesNotMatch(out, /^✗/m);
  });

  it('fails, naming what is wrong, when the back end ignores idempotency keys and mis-computes payments', async () => {
    // A proxy in front of the reference back end that breaks four rules of the contract.
    const target = new URL(api);
    let keptDraft: unknown;
    const proxyUrl = await listen(
      http.createServer((req, res) => {
        const headers = { ...req.headers };
        // 1. Ignores idempotency keys: every submission gets a fresh key, so replays are filed twice.
        if (req.method === 'POST' && req.url === '/api/v1/dossiers' && headers['idempotency-key']) {
          headers['idempotency-key'] = `broken-${Math.random().toString(36).slice(2)}-${Date.now()}`;
        }
        if (req.url?.startsWith('/api/v1/drafts/')) delete headers['accept-encoding'];
        const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (up) => {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            let body = Buffer.concat(chunks);
            const out = { ...up.headers };
            let status = up.statusCode ?? 502;
            // 2. Unknown dossiers answer 200 with an HTML page instead of a 404 problem.
            if (req.method === 'GET' && /^\/api\/v1\/dossiers\/[^/]+$/.test(req.url ?? '') && status === 404) {
              status = 200;
              body = Buffer.from('<html><body>Không tìm thấy</body></html>');
              out['content-type'] = 'text/html';
            }
            if (req.method === 'GET' && req.url?.startsWith('/api/v1/drafts/') && status === 200 && keptDraft !== undefined) {
              body = Buffer.from(JSON.stringify({ ...(JSON.parse(body.toString()) as object), data: keptDraft }));
            }
            // 3. Payments are created for a doubled amount.
            if (req.method === 'POST' && /\/payments$/.test(req.url ?? '') && status === 201) {
              const p = JSON.parse(body.toString()) as { amount: number };
              p.amount *= 2;
              body = Buffer.from(JSON.stringify(p));
            }
            delete out['content-length'];
            delete out['transfer-encoding'];
            res.writeHead(status, out);
            res.end(body);
          });
        });
        upstream.on('error', () => res.destroy());
        const sent: Buffer[] = [];
        req.on('data', (c: Buffer) => sent.push(c));
        req.on('end', () => {
          // 4. Keeps drafts as sent, x-sensitive answers included (remembered here, given back by GET).
          if (req.method === 'PUT' && req.url?.startsWith('/api/v1/drafts/'))
            keptDraft = (JSON.parse(Buffer.concat(sent).toString()) as { data: unknown }).data;
          upstream.end(Buffer.concat(sent));
        });
      }),
    );
    const report = await runConformance({ baseUrl: `${proxyUrl}/api/v1`, devIdp: true });
    const failed = failures(report);
    assert.match(
      failed.get('the same Idempotency-Key and body answer 200 with the same receipt') ?? '',
      /POST \/dossiers answered 201; expected 200/,
    );
    assert.match(failed.get('the same Idempotency-Key with another body answers 409 problem details') ?? '', /answered 201; expected 409/);
    assert.match(
      failed.get('GET /dossiers/{code} of an unknown dossier answers 404 problem details') ?? '',
      /content type "text\/html"; the contract says application\/json/,
    );
    assert.match(
      failed.get('payment (a method the back end lists): 201 with the amount the server computed') ?? '',
      /the payment is for \d+ VND but the server's fee is \d+ VND/,
    );
    assert.match(
      failed.get('drafts: PUT, GET, DELETE round trip') ?? '',
      /GET \/drafts\/\{slug\} gives back \/feeCategory, marked x-sensitive/,
    );
    assert.ok(report.passed > 20, 'the rest of the contract still passes');

    const { code, out } = await runCli(['--url', `${proxyUrl}/api/v1`, '--dev-idp']);
    assert.equal(code, 1, 'the CLI exits non-zero');
    assert.match(out, /^✗ the same Idempotency-Key and body answer 200 with the same receipt$/m);
    assert.match(out, /^\d+ passed, [1-9]\d* failed, \d+ skipped$/m);
  });

  it('fails with clear sentences against a back end that gets statuses and shapes wrong', async () => {
    const base = await listen(
      http.createServer((req, res) => {
        const send = (status: number, body: unknown, type = 'application/json'): void => {
          res.writeHead(status, { 'content-type': type });
          res.end(typeof body === 'string' ? body : JSON.stringify(body));
        };
        if (req.url === '/v1/health') return send(200, { status: 'up' });
        if (req.url === '/v1/procedures') return send(200, [{ slug: 'birth-registration', code: '1.001193', version: '1.0.0' }]);
        if (req.url?.startsWith('/v1/me/')) return send(200, {});
        return send(500, 'Internal error', 'text/plain');
      }),
    );
    const report = await runConformance({ baseUrl: `${base}/v1` });
    const failed = failures(report);
    assert.match(
      failed.get('GET /health answers 200 with status "ok"') ?? '',
      /does not match the contract's schema: .*\/status must be equal to one of the allowed values/,
    );
    assert.match(failed.get('GET /procedures lists the accepted procedures') ?? '', /\/0 must have required property 'title'/);
    assert.match(failed.get('GET /me/prefill without a token answers 401 problem details') ?? '', /answered 200; expected 401/);
    assert.match(
      failed.get('GET /dossiers/{code} of an unknown dossier answers 404 problem details') ?? '',
      /answered 500, a status the contract does not list/,
    );
    assert.equal(report.passed, 0);
  });

  it('stops with one sentence when nothing answers at the URL', async () => {
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const report = await runConformance({ baseUrl: `http://127.0.0.1:${port}/api/v1` });
    assert.equal(report.results.length, 1);
    assert.match(report.results[0].message ?? '', /ECONNREFUSED\. Is the back end running at/);
  });
});

describe('conformance helpers', () => {
  it('breakData sets and removes the fixture pointers on a copy', () => {
    const data = { a: { b: 1, c: 2 }, d: 3 };
    const broken = breakData(data, { set: { '/a/b': 'x' }, remove: ['/d'], expect: ['/data/a/b'] });
    assert.deepEqual(broken, { a: { b: 'x', c: 2 } });
    assert.deepEqual(data, { a: { b: 1, c: 2 }, d: 3 });
  });

  it('vietqrAmount reads tag 54 of an EMVCo payload', () => {
    // The static vector of DOMAIN.md has no amount.
    assert.equal(vietqrAmount('00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F'), undefined);
    assert.equal(vietqrAmount('00020101021253037045405100005802VN6304ABCD'), 10000);
  });

  it('every bundled fixture names pointers under /data and loads', async () => {
    const fixtures = await loadFixtures([FIXTURES_DIR]);
    assert.ok(fixtures.size >= 4);
    for (const [slug, f] of fixtures) {
      assert.equal(f.procedure, slug);
      for (const p of f.invalid.expect) assert.match(p, /^\/data\//, `${slug}: ${p}`);
    }
  });
});
