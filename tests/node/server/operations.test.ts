import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { get as httpGet } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { statutoryHolidays, WorkingCalendar, yymmdd } from '../../../server/src/calendar.js';
import { ConfigError, loadConfig } from '../../../server/src/config.js';
import { validData } from './fixtures/procedure.js';
import { call, devToken, startServer, submit, type TestServer } from './helpers.js';

describe('server: calendar', () => {
  const cal = new WorkingCalendar({ statutory: false, holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2027-09-02'] });
  const at = (iso: string) => new Date(iso);

  it('dates in UTC+7: 20:00 UTC on 21 Nov is 22 Nov in Vietnam', () => {
    assert.equal(yymmdd(at('2026-11-21T20:00:00Z')), '261122');
    assert.equal(yymmdd(at('2026-11-21T16:59:59Z')), '261121');
  });

  it('appointment: same-day receipt before 15:00, next working day after, weekends and holidays skipped', () => {
    // Monday 23 Nov 2026, 10:00 UTC+7, 0 days: the same day.
    assert.equal(cal.appointmentDate(at('2026-11-23T03:00:00Z'), 0, 15), '2026-11-23');
    // Monday 15:30 UTC+7: received Tuesday.
    assert.equal(cal.appointmentDate(at('2026-11-23T08:30:00Z'), 0, 15), '2026-11-24');
    // Friday 27 Nov 16:00, 1 day: received Monday 30 Nov, due Tuesday 1 Dec.
    assert.equal(cal.appointmentDate(at('2026-11-27T09:00:00Z'), 1, 15), '2026-12-01');
    // Saturday: received Monday.
    assert.equal(cal.appointmentDate(at('2026-11-28T02:00:00Z'), 0, 15), '2026-11-30');
    // Friday 13 Feb 2026, 3 days: received that day; 16–18 Feb are holidays, so 19, 20, 23 Feb.
    assert.equal(cal.appointmentDate(at('2026-02-13T02:00:00Z'), 3, 15), '2026-02-23');
    // A configured holiday is skipped.
    assert.equal(cal.appointmentDate(at('2027-09-01T02:00:00Z'), 1, 15), '2027-09-03');
  });

  it('statutory holidays: Tết and the Hùng Kings from the lunar calendar, 2 September, compensatory days', () => {
    const days = (y: number) => statutoryHolidays(y).map((h) => h.date);
    // Tết 2026 (1st day of the lunar year: Tuesday 17 Feb): 16–20 Feb; Hùng Kings (10/3 lunar): Sunday 26 Apr,
    // compensated Monday 27 Apr; 30 Apr, 1 May; 2 Sep (Wednesday) and 3 Sep.
    assert.deepEqual(days(2026), [
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-02',
      '2026-09-03',
    ]);
    // 2025: Tết on Wednesday 29 Jan (28 Jan–1 Feb, Saturday 1 Feb compensated Monday 3 Feb); Hùng Kings Monday
    // 7 Apr; 1 Sep is a Monday, so 1–2 Sep.
    const y2025 = days(2025);
    for (const d of ['2025-01-28', '2025-01-29', '2025-02-01', '2025-02-03', '2025-04-07', '2025-09-01', '2025-09-02']) {
      assert.ok(y2025.includes(d), `${d} in ${y2025.join(' ')}`);
    }
    // The eve of Tết 2027 is 5 Feb 2027; a year with the lunar new year's eve in the previous solar year works too.
    assert.ok(days(2027).includes('2027-02-05'));
    const full = new WorkingCalendar();
    // Friday 13 Feb 2026, 3 working days: 16–20 Feb is Tết, so 23, 24, 25 Feb.
    assert.equal(full.appointmentDate(at('2026-02-13T02:00:00Z'), 3, 15), '2026-02-25');
    // A worked Saturday by decision counts; an extra day off by decision does not.
    const decided = new WorkingCalendar({ holidays: ['2026-02-23'], workingDays: ['2026-02-21'] });
    assert.equal(decided.isWorkingDay('2026-02-21'), true);
    assert.equal(decided.appointmentDate(at('2026-02-13T02:00:00Z'), 3, 15), '2026-02-25');
  });
});

describe('server: configuration', () => {
  it('names the variable at fault', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty' }),
      (e: unknown) => e instanceof ConfigError && /^PORT:/.test((e as Error).message),
    );
    assert.throws(() => loadConfig({ HOLIDAYS: '2026-02-17,17/02/2026' }), /HOLIDAYS: "17\/02\/2026"/);
    assert.throws(() => loadConfig({ WORKING_DAYS: '2026-02-31x' }), /WORKING_DAYS: "2026-02-31x"/);
    assert.throws(() => loadConfig({ VIETQR_BANK_BIN: '12' }), /VIETQR_BANK_BIN/);
    assert.throws(() => loadConfig({ BODY_LIMIT: 'lots' }), /BODY_LIMIT/);
    assert.equal(loadConfig({ BODY_LIMIT: '2mb' }).bodyLimit, 2 * 1024 * 1024);
    assert.deepEqual(loadConfig({ STATIC_DIR: 'demo,/dist=dist' }, '/srv').staticDirs, [
      { prefix: '/', dir: '/srv/demo' },
      { prefix: '/dist/', dir: '/srv/dist' },
    ]);
  });
});

describe('server: logs, static files, CORS', () => {
  let s: TestServer;
  let staticRoot: string;
  const lines: string[] = [];
  before(async () => {
    staticRoot = await mkdtemp(path.join(os.tmpdir(), 'dvc-static-'));
    await writeFile(path.join(staticRoot, 'index.html'), '<!doctype html><title>Xã Demo</title>');
    await mkdir(path.join(staticRoot, 'dist'));
    await writeFile(path.join(staticRoot, 'dist', 'all.js'), 'export {};\n');
    await writeFile(path.join(staticRoot, 'strict.html'), '<!doctype html><title>Strict</title>');
    await writeFile(
      path.join(staticRoot, 'headers.json'),
      JSON.stringify({
        rules: [
          { path: '*', headers: { 'X-Content-Type-Options': 'nosniff' } },
          { path: '*.html', headers: { 'Content-Security-Policy': "default-src 'self'" } },
          { path: '/', headers: { 'Content-Security-Policy': "default-src 'self'" } },
          { path: '/strict.html', headers: { 'Content-Security-Policy': "default-src 'none'; script-src 'self'" } },
        ],
      }),
    );
    s = await startServer(
      {
        // The form scripts/start.mjs uses: STATIC_DIR=/=demo,/dist/=dist
        staticDirs: loadConfig({ STATIC_DIR: `/=${staticRoot},/dist/=${staticRoot}/dist` }).staticDirs,
        corsOrigins: ['http://portal.example'],
        logLevel: 'info',
      },
      {},
      { logStream: { write: (line: string) => lines.push(line) } },
    );
  });
  after(async () => {
    await s.stop();
    await rm(staticRoot, { recursive: true, force: true });
  });

  it('logs requests without tokens, names or ID numbers', async () => {
    const token = await devToken(s.api);
    const r = await submit(s.api, validData(2), { token });
    assert.equal(r.status, 201);
    await call(`${s.api}/me/prefill`, { headers: { authorization: `Bearer ${token}` } });
    const bad = await submit(s.api, { ...validData(2), copies: 99 }, { token });
    assert.equal(bad.status, 422);
    const log = lines.join('');
    assert.ok(log.includes('dossier submitted'), 'the submission is logged');
    assert.ok(log.includes('/api/v1/dossiers'));
    for (const secret of [token, 'Bearer', '001090012345', 'NGUYỄN', 'NGUY\\u1ec4N', 'NGUYỄN THỊ LAN', '001195012345']) {
      assert.ok(!log.includes(secret), `log has no "${secret.slice(0, 20)}"`);
    }
  });

  it("adds the headers of a static directory's headers.json, later rules winning", async () => {
    const strict = await fetch(`${s.url}/strict.html`);
    assert.equal(strict.status, 200);
    assert.equal(strict.headers.get('content-security-policy'), "default-src 'none'; script-src 'self'");
    assert.equal(strict.headers.get('x-content-type-options'), 'nosniff');
    const index = await fetch(`${s.url}/`);
    assert.equal(index.headers.get('content-security-policy'), "default-src 'self'");
    const js = await fetch(`${s.url}/dist/all.js`);
    assert.equal(js.headers.get('content-security-policy'), null, 'rules of one directory do not leak into another');
  });

  it('serves STATIC_DIR and answers CORS preflights for the configured origin', async () => {
    const page = await fetch(`${s.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Xã Demo/);
    const js = await fetch(`${s.url}/dist/all.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    const missing = await call(`${s.api}/not-a-route`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const pre = await fetch(`${s.api}/dossiers`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://portal.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'idempotency-key,content-type',
      },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'http://portal.example');
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/i);
    const other = await fetch(`${s.api}/health`, { headers: { origin: 'http://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('compresses large answers for clients that accept it (the administrative-unit list: 197 KB of JSON)', async () => {
    const raw = (encoding: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; bytes: number; body: Buffer }>((resolve, reject) => {
        const req = httpGet(`${s.api}/admin-units`, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: body.length, body });
          });
        });
        req.on('error', reject);
      });
    const plain = await raw('identity');
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const r = await raw(encoding);
      assert.equal(r.headers['content-encoding'], encoding);
      assert.ok(r.bytes * 3 < plain.bytes, `${encoding}: ${r.bytes} bytes against ${plain.bytes}`);
      assert.deepEqual(JSON.parse(decode(r.body).toString('utf8')), JSON.parse(plain.body.toString('utf8')));
    }
  });
});
