/**
 * Issue 7 (uploads): downloads that never end the process, uploads tied to their owner, never deleted
 * once a dossier references them, purged when left unreferenced, per-owner quota, no deferred length,
 * CORS only for the configured origins.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, readFile, rm, truncate } from 'node:fs/promises';
import os from 'node:os';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { purgeUnreferencedUploads } from '../../../server/src/uploads.js';
import { validData } from './fixtures/procedure.js';
import type { Db } from '../../../server/src/db/db.js';
import { openDatabase } from '../../../server/src/db/open.js';
import { devToken, freshPgSchema, startServer, submit, tempDirs, type TestServer } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const TUS = { 'tus-resumable': '1.0.0' };
const PDF = (size = 2000): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(Math.max(0, size - 9))]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);

/** A fresh anonymous session secret (32 random bytes, base64url) as a header. */
const session = (): Record<string, string> => ({ 'dvc-session': randomBytes(32).toString('base64url') });
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

async function create(s: TestServer, size: number, meta: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${s.url}/api/v1/uploads`, {
    method: 'POST',
    headers: {
      ...TUS,
      'upload-length': String(size),
      'upload-metadata': Object.entries(meta)
        .map(([k, v]) => `${k} ${b64(v)}`)
        .join(','),
      ...headers,
    },
  });
}

/** Creates and completes an upload for `owner`; returns its URL and id. */
async function upload(
  s: TestServer,
  owner: Record<string, string>,
  bytes: Buffer = PDF(),
  meta: Record<string, string> = { filename: 'scan.pdf', filetype: 'application/pdf' },
): Promise<{ url: string; id: string }> {
  const c = await create(s, bytes.length, meta, owner);
  assert.equal(c.status, 201, await c.text());
  const url = new URL(c.headers.get('location') ?? '', s.url).toString();
  const p = await patch(url, owner, bytes);
  assert.equal(p.status, 204, await p.text());
  return { url, id: url.split('/').pop() as string };
}

function patch(url: string, owner: Record<string, string>, bytes: Buffer, offset = 0): Promise<Response> {
  return fetch(url, {
    method: 'PATCH',
    headers: { ...TUS, ...owner, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    body: new Uint8Array(bytes),
  });
}

/**
 * GET over a raw socket that closes as soon as the answer's head (or `closeAfter` bytes) arrived: what
 * curl and browsers do, and what made @tus/server's GET throw outside any handler.
 */
function rawGet(url: string, headers: Record<string, string>, closeAfter = 0): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect(Number(u.port), u.hostname, () => {
      const lines = Object.entries({ host: u.host, ...headers }).map(([k, v]) => `${k}: ${v}`);
      sock.write(`GET ${u.pathname} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
    });
    let got = Buffer.alloc(0);
    sock.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.includes('\r\n\r\n') && got.length >= closeAfter) sock.destroy();
    });
    sock.on('error', () => undefined);
    sock.on('close', () => resolve(got.subarray(0, got.indexOf('\r\n')).toString('latin1')));
  });
}

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

describe('server: downloading an upload', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.stop());

  it('GET of an upload, the client closing right after the answer, three times: the server process lives on (item 1)', async () => {
    // The server as `npm run server` runs it, in its own process: an error outside any handler ends it.
    const dirs = await tempDirs();
    const child = spawn(process.execPath, ['--conditions=dvc-source', '--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dirs.dataDir, PROCEDURES_DIR: dirs.proceduresDir, LOG_LEVEL: 'info', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString();
          const m = /"address":"(http:\/\/[^"]+)"/.exec(output);
          if (m) resolve(m[1]);
        });
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        void exited.then((code) => reject(new Error(`the server exited (${code}) before it was ready:\n${output}`)));
      });
      const owner = session();
      const c = await fetch(`${base}/api/v1/uploads`, {
        method: 'POST',
        headers: { ...TUS, ...owner, 'upload-length': '5', 'upload-metadata': `filename ${b64('a.txt')},filetype ${b64('text/plain')}` },
      });
      assert.equal(c.status, 201);
      const url = new URL(c.headers.get('location') ?? '', base).toString();
      assert.equal((await patch(url, owner, Buffer.from('hello'))).status, 204);
      for (let i = 0; i < 3; i++) {
        assert.match(await rawGet(url, owner), /^HTTP\/1\.1 200/);
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(child.exitCode, null, `the server process ended:\n${output.slice(-2000)}`);
      const health = await fetch(`${base}/api/v1/health`);
      assert.equal(health.status, 200);
      assert.doesNotMatch(output, /ERR_INVALID_STATE/);
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dirs.root, { recursive: true, force: true });
    }
  });

  it('a client that drops a large download half way does not end the server', async () => {
    const owner = session();
    const big = PDF(900_000);
    const { url } = await upload(s, owner, big);
    for (let i = 0; i < 3; i++) assert.match(await rawGet(url, owner, 70_000), /^HTTP\/1\.1 200/);
    const whole = await fetch(url, { headers: owner });
    assert.equal(whole.status, 200);
    assert.ok(Buffer.from(await whole.arrayBuffer()).equals(big), 'the owner gets the bytes');
    assert.equal((await fetch(`${s.api}/health`)).status, 200);
  });

  it('serves the detected type as an attachment with a safe name, nosniff and no-store', async () => {
    const owner = session();
    // PNG bytes that claim to be an HTML page named to climb out of the download folder.
    const { url } = await upload(s, owner, PNG, { filename: '../../<script>\u202Egnp.html', filetype: 'text/html' });
    const r = await fetch(url, { headers: owner });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/png');
    const cd = r.headers.get('content-disposition') ?? '';
    assert.match(cd, /^attachment; filename="[^"/\\]+\.png"; filename\*=UTF-8''[^/\\ ]+$/);
    assert.doesNotMatch(cd, /\.\.\/|<|\u202E|%E2%80%AE/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
    assert.ok(Buffer.from(await r.arrayBuffer()).equals(PNG));
    // Bytes of no known type are served as octet-stream, never as what they claim.
    const other = await upload(s, owner, Buffer.from('<html><script>alert(1)</script></html>'), {
      filename: 'Đơn xin.html',
      filetype: 'text/html',
    });
    const h = await fetch(other.url, { headers: owner });
    assert.equal(h.headers.get('content-type'), 'application/octet-stream');
    assert.match(h.headers.get('content-disposition') ?? '', /filename="Don xin\.html"; filename\*=UTF-8''%C4%90%C6%A1n%20xin\.html$/);
  });

  it('a download of a file deleted or cut short on disk is a 4xx or a cut answer, and the server lives on', async () => {
    const owner = session();
    const gone = await upload(s, owner);
    await rm(path.join(s.dataDir, 'uploads', gone.id));
    const r = await fetch(gone.url, { headers: owner });
    assert.equal(r.status, 410);
    assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.match((await r.json()).detail, /no longer in the store/);
    const cut = await upload(s, owner, PDF(300_000));
    await truncate(path.join(s.dataDir, 'uploads', cut.id), 10);
    const c = await fetch(cut.url, { headers: owner });
    if (c.status === 200) assert.equal((await c.arrayBuffer()).byteLength, 10);
    assert.equal((await fetch(`${s.api}/health`)).status, 200);
  });

  it('GET of the upload collection or a deeper path is a 404 problem (the tus library never serves GET)', async () => {
    const owner = session();
    const { id } = await upload(s, owner);
    for (const p of ['/api/v1/uploads', `/api/v1/uploads/${id}/x`]) {
      const r = await fetch(`${s.url}${p}`, { headers: owner });
      assert.equal(r.status, 404, p);
      assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    }
  });
});

describe('server: uploads belong to their owner (item 6)', () => {
  let s: TestServer;
  let citizenA: string;
  let citizenB: string;
  let officer: string;
  let otherOfficer: string;
  before(async () => {
    s = await startServer();
    citizenA = await devToken(s.api, 'dev-citizen-001');
    citizenB = await devToken(s.api, 'dev-citizen-002');
    officer = await devToken(s.api, 'dev-officer-001');
    otherOfficer = await devToken(s.api, 'dev-officer-other');
  });
  after(async () => s.stop());

  const countUploads = async (): Promise<number> =>
    Number((await s.app.ctx.db.query<{ n: unknown }>('SELECT count(*) AS n FROM uploads')).rows[0].n);

  it('creation needs an owner: none is 401, an invalid bearer 401, a malformed session 400; nothing is created', async () => {
    const before = await countUploads();
    const none = await create(s, 10, { filetype: 'application/pdf' });
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const forged = await create(s, 10, { filetype: 'application/pdf' }, { authorization: 'Bearer not.a.token', ...session() });
    assert.equal(forged.status, 401);
    const badSession = await create(s, 10, { filetype: 'application/pdf' }, { 'dvc-session': 'short' });
    assert.equal(badSession.status, 400);
    assert.equal(await countUploads(), before);
    const ok = await create(s, 10, { filetype: 'application/pdf' }, bearer(citizenA));
    assert.equal(ok.status, 201);
    const row = await s.app.ctx.db.query<{ owner_key: string }>('SELECT owner_key FROM uploads ORDER BY created_at DESC LIMIT 1');
    assert.equal(row.rows[0].owner_key, 'citizen:dev-citizen-001');
  });

  it('another owner gets 404 for HEAD, PATCH, GET and DELETE; the bytes stay; the owner goes on', async () => {
    const owner = session();
    const bytes = PDF(4000);
    const c = await create(s, bytes.length, { filename: 'scan.pdf', filetype: 'application/pdf' }, owner);
    const url = new URL(c.headers.get('location') ?? '', s.url).toString();
    assert.equal((await patch(url, owner, bytes.subarray(0, 1000))).status, 204);
    for (const stranger of [session(), bearer(citizenB), bearer(officer)]) {
      const head = await fetch(url, { method: 'HEAD', headers: { ...TUS, ...stranger } });
      assert.equal(head.status, 404);
      const p = await patch(url, stranger, bytes.subarray(1000, 2000), 1000);
      assert.equal(p.status, 404);
      const del = await fetch(url, { method: 'DELETE', headers: { ...TUS, ...stranger } });
      assert.equal(del.status, 404);
      const get = await fetch(url, { headers: stranger });
      assert.equal(get.status, 404);
    }
    // Without any owner: 401 (sign in or send the session), the same for every id.
    assert.equal((await fetch(url, { method: 'HEAD', headers: TUS })).status, 401);
    assert.equal((await fetch(url)).status, 401);
    // An unknown id answers exactly like a foreign one.
    const unknown = await fetch(`${s.url}/api/v1/uploads/${'0'.repeat(32)}`, { headers: session() });
    const foreign = await fetch(url, { headers: session() });
    assert.equal(unknown.status, foreign.status);
    assert.equal((await unknown.json()).title, (await foreign.json()).title);

    const head = await fetch(url, { method: 'HEAD', headers: { ...TUS, ...owner } });
    assert.equal(head.headers.get('upload-offset'), '1000');
    assert.equal((await patch(url, owner, bytes.subarray(1000), 1000)).status, 204);
    const id = url.split('/').pop() as string;
    assert.ok((await readFile(path.join(s.dataDir, 'uploads', id))).equals(bytes));
  });

  it('a dossier may not use another owner’s upload: 422 naming the attachment (item 6, submission)', async () => {
    const a = await upload(s, bearer(citizenA));
    const asB = await submit(s.api, validData(2), { token: citizenB, attachments: [{ attachmentId: 'id-card', uploadId: a.id }] });
    assert.equal(asB.status, 422);
    assert.deepEqual(
      asB.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/attachments/0/uploadId'],
    );
    const anon = await submit(s.api, validData(2), { attachments: [{ attachmentId: 'id-card', uploadId: a.id }] });
    assert.equal(anon.status, 422);
    const otherSession = await submit(s.api, validData(2), {
      session: session()['dvc-session'],
      attachments: [{ attachmentId: 'id-card', uploadId: a.id }],
    });
    assert.equal(otherSession.status, 422);
    assert.equal(otherSession.body.errors[0].pointer, '/attachments/0/uploadId');
    // The owner files it; the dossier's uploads are recorded with it.
    const own = await submit(s.api, validData(2), { token: citizenA, attachments: [{ attachmentId: 'id-card', uploadId: a.id }] });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    const link = await s.app.ctx.db.query<{ code: string }>(
      'SELECT d.code FROM dossier_uploads r JOIN dossiers d ON d.id = r.dossier_id WHERE r.upload_id = $1',
      [a.id],
    );
    assert.deepEqual(
      link.rows.map((r) => r.code),
      [own.body.code],
    );
  });

  it('an anonymous session files with its own uploads', async () => {
    const owner = session();
    const up = await upload(s, owner);
    const r = await submit(s.api, validData(2), {
      session: owner['dvc-session'],
      attachments: [{ attachmentId: 'id-card', uploadId: up.id }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  });

  it('an Idempotency-Key is scoped to the anonymous session: another session replaying the same request never gets the receipt', async () => {
    const a = session();
    const up = await upload(s, a);
    const key = randomBytes(16).toString('hex');
    const attachments = [{ attachmentId: 'id-card', uploadId: up.id }];
    const first = await submit(s.api, validData(2), { key, session: a['dvc-session'], attachments });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    // The very same request (key, body) from another session or with no session at all is judged anew:
    // the upload is not theirs, so it is refused and the first receipt is never shown.
    for (const other of [session()['dvc-session'], undefined]) {
      const r = await submit(s.api, validData(2), { key, session: other, attachments });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.ok(!JSON.stringify(r.body).includes(first.body.code), 'the answer leaks the first dossier code');
    }
    const again = await submit(s.api, validData(2), { key, session: a['dvc-session'], attachments });
    assert.equal(again.status, 200);
    assert.equal(again.body.code, first.body.code);
  });

  it('a NUL in Upload-Metadata is a 400 naming the key, not a database error', async () => {
    for (const filename of ['scan\u0000.pdf', '\u0000']) {
      const c = await create(s, 100, { filename, filetype: 'application/pdf' }, session());
      const text = await c.text();
      assert.equal(c.status, 400, text);
      assert.match(JSON.parse(text).detail, /Upload-Metadata "filename"/);
    }
    assert.equal((await fetch(`${s.api}/health`)).status, 200);
  });

  it("a citizen who signed in half way files the uploads made before with the filing's session secret", async () => {
    const before = session();
    const up = await upload(s, before);
    const token = await devToken(s.api, 'dev-citizen-002');
    const attachments = [{ attachmentId: 'id-card', uploadId: up.id }];
    // The token alone does not prove the earlier uploads are the citizen's.
    const alone = await submit(s.api, validData(2), { token, attachments });
    assert.equal(alone.status, 422, JSON.stringify(alone.body));
    // Token and secret: the upload is still reachable, and the submission claims it for the dossier.
    const head = await fetch(up.url, { method: 'HEAD', headers: { ...TUS, ...before, authorization: `Bearer ${token}` } });
    assert.equal(head.status, 200);
    const r = await submit(s.api, validData(2), { token, session: before['dvc-session'], attachments });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const del = await fetch(up.url, { method: 'DELETE', headers: { ...TUS, ...before } });
    assert.equal(del.status, 409, "the upload is the dossier's now");
  });

  it('a referenced upload cannot be deleted: 409, the bytes stay, downloads go on (item 6, termination)', async () => {
    const owner = session();
    const up = await upload(s, owner);
    const r = await submit(s.api, validData(2), {
      session: owner['dvc-session'],
      attachments: [{ attachmentId: 'id-card', uploadId: up.id }],
    });
    assert.equal(r.status, 201);
    const del = await fetch(up.url, { method: 'DELETE', headers: { ...TUS, ...owner } });
    assert.equal(del.status, 409);
    assert.equal((await del.json()).type, 'https://dvc-forms.dev/problems/upload-referenced');
    assert.ok(await exists(path.join(s.dataDir, 'uploads', up.id)), 'the bytes are still there');
    assert.equal((await fetch(up.url, { headers: owner })).status, 200);
    // An unreferenced one is deleted, bytes and row.
    const loose = await upload(s, owner);
    assert.equal((await fetch(loose.url, { method: 'DELETE', headers: { ...TUS, ...owner } })).status, 204);
    assert.ok(!(await exists(path.join(s.dataDir, 'uploads', loose.id))));
    assert.equal((await fetch(loose.url, { method: 'HEAD', headers: { ...TUS, ...owner } })).status, 404);
  });

  it('an officer downloads the uploads of dossiers of the own agency only', async () => {
    const owner = session();
    const filed = await upload(s, owner);
    const loose = await upload(s, owner);
    const r = await submit(s.api, validData(2), {
      session: owner['dvc-session'],
      attachments: [{ attachmentId: 'id-card', uploadId: filed.id }],
    });
    assert.equal(r.status, 201);
    const own = await fetch(filed.url, { headers: bearer(officer) });
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('content-type'), 'application/pdf');
    assert.equal((await fetch(filed.url, { headers: bearer(otherOfficer) })).status, 404);
    assert.equal((await fetch(loose.url, { headers: bearer(officer) })).status, 404, 'not referenced by a dossier');
    assert.equal((await fetch(filed.url, { headers: bearer(citizenB) })).status, 404);
  });
});

describe('server: purge and quota of unreferenced uploads (item 6)', () => {
  let s: TestServer;
  let clock = new Date('2026-12-01T01:00:00Z');
  before(async () => {
    s = await startServer({ now: () => clock, uploadRetentionHours: 24, uploadQuotaFiles: 3, uploadQuotaMB: 1 });
  });
  after(async () => s.stop());

  it('purges unreferenced uploads after the retention, bytes and row; referenced ones stay', async () => {
    const owner = session();
    const filed = await upload(s, owner);
    const loose = await upload(s, owner);
    const partial = await create(s, 5000, { filetype: 'application/pdf' }, owner);
    const partialId = (partial.headers.get('location') ?? '').split('/').pop() as string;
    const r = await submit(s.api, validData(2), {
      session: owner['dvc-session'],
      attachments: [{ attachmentId: 'id-card', uploadId: filed.id }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));

    clock = new Date(clock.getTime() + 23 * 3_600_000);
    assert.equal((await purgeUnreferencedUploads(s.app.ctx)).purged, 0, 'nothing before the retention');
    const fresh = await upload(s, owner);
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    const result = await purgeUnreferencedUploads(s.app.ctx);
    assert.equal(result.purged, 2);
    const dir = path.join(s.dataDir, 'uploads');
    assert.ok(!(await exists(path.join(dir, loose.id))));
    assert.ok(!(await exists(path.join(dir, partialId))));
    assert.ok(await exists(path.join(dir, filed.id)));
    assert.ok(await exists(path.join(dir, fresh.id)));
    const ids = (await s.app.ctx.db.query<{ id: string }>('SELECT id FROM uploads')).rows.map((x) => x.id).sort();
    assert.deepEqual(ids, [filed.id, fresh.id].sort());
    assert.equal((await fetch(loose.url, { headers: owner })).status, 404);
  });

  it('refuses uploads over the per-owner quota, naming the limit; a filed dossier frees its share', async () => {
    const owner = session();
    const a = await upload(s, owner);
    await upload(s, owner);
    await upload(s, owner);
    const fourth = await create(s, 100, { filetype: 'application/pdf' }, owner);
    assert.equal(fourth.status, 429);
    const p = await fourth.json();
    assert.equal(p.type, 'https://dvc-forms.dev/problems/upload-quota');
    assert.match(p.detail, /UPLOAD_QUOTA_FILES/);
    // Another owner is not affected.
    assert.equal((await create(s, 100, { filetype: 'application/pdf' }, session())).status, 201);
    const r = await submit(s.api, validData(2), {
      session: owner['dvc-session'],
      attachments: [{ attachmentId: 'id-card', uploadId: a.id }],
    });
    assert.equal(r.status, 201);
    assert.equal((await create(s, 100, { filetype: 'application/pdf' }, owner)).status, 201);

    const bytes = session();
    assert.equal((await create(s, 700_000, { filetype: 'application/pdf' }, bytes)).status, 201);
    const over = await create(s, 400_000, { filetype: 'application/pdf' }, bytes);
    assert.equal(over.status, 413);
    assert.match((await over.json()).detail, /UPLOAD_QUOTA_MB/);
  });
});

describe('server: upload length and CORS', () => {
  let plain: TestServer;
  let withCors: TestServer;
  before(async () => {
    plain = await startServer();
    withCors = await startServer({ corsOrigins: ['http://portal.example'] });
  });
  after(async () => {
    await plain.stop();
    await withCors.stop();
  });

  it('refuses Upload-Defer-Length (the per-attachment size is checked at creation) and does not advertise it', async () => {
    const owner = session();
    const r = await fetch(`${plain.url}/api/v1/uploads`, {
      method: 'POST',
      headers: {
        ...TUS,
        ...owner,
        'upload-defer-length': '1',
        'upload-metadata': `filetype ${b64('application/pdf')},procedure ${b64('test-permit')},attachmentId ${b64('id-card')}`,
      },
    });
    assert.equal(r.status, 400);
    assert.match((await r.json()).detail, /Upload-Defer-Length/);
    const o = await fetch(`${plain.url}/api/v1/uploads`, { method: 'OPTIONS', headers: TUS });
    assert.doesNotMatch(o.headers.get('tus-extension') ?? '', /creation-defer-length/);
  });

  it('without CORS_ORIGINS the uploads answer no CORS header at all', async () => {
    const origin = { origin: 'http://evil.example' };
    const o = await fetch(`${plain.url}/api/v1/uploads`, { method: 'OPTIONS', headers: { ...TUS, ...origin } });
    const c = await create(plain, 10, { filetype: 'application/pdf' }, { ...session(), ...origin });
    assert.equal(c.status, 201);
    for (const r of [o, c]) {
      const cors = [...r.headers.keys()].filter((k) => k.startsWith('access-control-'));
      assert.deepEqual(cors, []);
    }
  });

  it('with CORS_ORIGINS only those origins, Dvc-Session allowed, tus discovery still answered', async () => {
    const pre = await fetch(`${withCors.url}/api/v1/uploads`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://portal.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'dvc-session,tus-resumable,upload-length,upload-metadata',
      },
    });
    assert.ok(pre.status === 204 || pre.status === 200, String(pre.status));
    assert.equal(pre.headers.get('access-control-allow-origin'), 'http://portal.example');
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Dvc-Session/i);
    const api = await fetch(`${withCors.api}/dossiers`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://portal.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'dvc-session',
      },
    });
    assert.match(api.headers.get('access-control-allow-headers') ?? '', /Dvc-Session/i);
    const ok = await create(withCors, 10, { filetype: 'application/pdf' }, { ...session(), origin: 'http://portal.example' });
    assert.equal(ok.status, 201);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://portal.example');
    assert.match(ok.headers.get('access-control-expose-headers') ?? '', /Location/);
    const evil = await create(withCors, 10, { filetype: 'application/pdf' }, { ...session(), origin: 'http://evil.example' });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const discovery = await fetch(`${withCors.url}/api/v1/uploads`, { method: 'OPTIONS', headers: TUS });
    assert.equal(discovery.status, 204);
    assert.match(discovery.headers.get('tus-version') ?? '', /1\.0\.0/);
  });
});

describe('server: upload creations are rate-limited per client (UPLOAD_RATE_LIMIT)', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({}, { UPLOAD_RATE_LIMIT: '3' });
  });
  after(async () => s.stop());

  it('a client minting a new session secret for every upload still gets a 429 with Retry-After; resuming is not counted', async () => {
    const first = session();
    const made = await upload(s, first);
    for (let i = 0; i < 2; i++)
      assert.equal((await create(s, 100, { filename: 'a.pdf', filetype: 'application/pdf' }, session())).status, 201);
    const over = await create(s, 100, { filename: 'a.pdf', filetype: 'application/pdf' }, session());
    assert.equal(over.status, 429);
    assert.ok(Number(over.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    assert.equal((await over.json()).type, 'https://dvc-forms.dev/problems/too-many-requests');
    // The owner's resume and download go on.
    assert.equal((await fetch(made.url, { method: 'HEAD', headers: { ...TUS, ...first } })).status, 200);
    assert.equal((await fetch(made.url, { headers: first })).status, 200);
  });
});

describe('server: an upload whose completion could not be recorded (database restarting)', () => {
  let s: TestServer;
  let real: Db;
  let dbRoot: string;
  let pgSchema: Awaited<ReturnType<typeof freshPgSchema>>;
  let failCompletion = false;
  before(async () => {
    dbRoot = await mkdtemp(path.join(os.tmpdir(), 'dvc-upload-repair-'));
    pgSchema = await freshPgSchema();
    real = await openDatabase({ databaseUrl: pgSchema?.url, dataDir: dbRoot });
    // The database answers everything but the completion of an upload while `failCompletion` is set, as a
    // database that restarts just when the last PATCH finishes writing the bytes.
    const db: Db = {
      ...real,
      query: (sql, params) => {
        if (failCompletion && /SET complete = true/.test(sql)) return Promise.reject(new Error('Connection terminated unexpectedly'));
        return real.query(sql, params);
      },
    };
    s = await startServer({}, {}, { db });
  });
  after(async () => {
    await s.stop();
    await real.close();
    await pgSchema?.drop();
    await rm(dbRoot, { recursive: true, force: true });
  });

  it('the next HEAD (how tus clients resume) records it, and the dossier can be filed', async () => {
    const owner = session();
    const bytes = PDF();
    const c = await create(s, bytes.length, { filename: 'scan.pdf', filetype: 'application/pdf' }, owner);
    assert.equal(c.status, 201);
    const url = new URL(c.headers.get('location') ?? '', s.url).toString();
    failCompletion = true;
    const p = await patch(url, owner, bytes);
    assert.equal(p.status, 500, 'the completion failed');
    failCompletion = false;
    const h = await fetch(url, { method: 'HEAD', headers: { ...TUS, ...owner } });
    assert.equal(h.status, 200);
    assert.equal(h.headers.get('upload-offset'), String(bytes.length), 'every byte is stored');
    const id = url.split('/').pop() as string;
    const r = await submit(s.api, validData(2), {
      session: owner['dvc-session'],
      attachments: [{ attachmentId: 'id-card', uploadId: id }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  });
});
