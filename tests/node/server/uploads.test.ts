import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tus from 'tus-js-client';
import { validData } from './fixtures/procedure.js';
import { startServer, submit, type TestServer } from './helpers.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
/** The anonymous session of these tests' uploads and submissions (issue 7: uploads belong to an owner). */
const SESSION = randomBytes(32).toString('base64url');
const OWNER = { 'dvc-session': SESSION };

async function create(s: TestServer, size: number, meta: Record<string, string>): Promise<Response> {
  return fetch(`${s.url}/api/v1/uploads`, {
    method: 'POST',
    headers: {
      ...OWNER,
      'tus-resumable': '1.0.0',
      'upload-length': String(size),
      'upload-metadata': Object.entries(meta)
        .map(([k, v]) => `${k} ${b64(v)}`)
        .join(','),
    },
  });
}

/** Sends `bytes` as a PATCH but cuts the connection after `cutAfter` bytes. */
function interruptedPatch(url: string, offset: number, bytes: Buffer, cutAfter: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: 'PATCH',
      headers: {
        ...OWNER,
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.length),
      },
    });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      resolve();
    });
    req.write(bytes.subarray(0, cutAfter), () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 150);
    });
  });
}

describe('server: tus uploads', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.stop());

  it('advertises tus 1.0 with creation and termination', async () => {
    const r = await fetch(`${s.url}/api/v1/uploads`, { method: 'OPTIONS', headers: { 'tus-resumable': '1.0.0' } });
    assert.equal(r.status, 204);
    assert.match(r.headers.get('tus-version') ?? '', /1\.0\.0/);
    assert.match(r.headers.get('tus-extension') ?? '', /creation/);
    assert.match(r.headers.get('tus-extension') ?? '', /termination/);
    assert.equal(r.headers.get('tus-max-size'), String(20 * 1024 * 1024));
  });

  it('resumes after an interrupted PATCH and the stored bytes are the file', async () => {
    const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(300_000)]);
    const c = await create(s, file.length, { filename: 'scan.pdf', filetype: 'application/pdf' });
    assert.equal(c.status, 201);
    const location = new URL(c.headers.get('location') ?? '', s.url).toString();
    const id = location.split('/').pop() as string;
    assert.match(id, /^[A-Za-z0-9_-]{1,128}$/);

    await interruptedPatch(location, 0, file, 120_000);
    const head = await fetch(location, { method: 'HEAD', headers: { ...OWNER, 'tus-resumable': '1.0.0' } });
    assert.equal(head.status, 200);
    const offset = Number(head.headers.get('upload-offset'));
    assert.ok(offset > 0 && offset <= 120_000, `partial offset kept (${offset})`);

    // Not complete yet: a submission with it is refused.
    const early = await submit(s.api, validData(2), { attachments: [{ attachmentId: 'id-card', uploadId: id }], session: SESSION });
    assert.equal(early.status, 422);
    assert.equal(early.body.errors[0].pointer, '/attachments/0/uploadId');

    const rest = await fetch(location, {
      method: 'PATCH',
      headers: {
        ...OWNER,
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: file.subarray(offset),
    });
    assert.equal(rest.status, 204);
    assert.equal(rest.headers.get('upload-offset'), String(file.length));
    const stored = await readFile(path.join(s.dataDir, 'uploads', id));
    assert.ok(stored.equals(file), 'stored bytes equal the file');

    const ok = await submit(s.api, validData(2), { attachments: [{ attachmentId: 'id-card', uploadId: id }], session: SESSION });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  });

  it('tus-js-client uploads in chunks and resumes from the server offset', async () => {
    const file = randomBytes(150_000);
    let aborted = false;
    const first = new tus.Upload(file, {
      endpoint: `${s.url}/api/v1/uploads`,
      chunkSize: 50_000,
      metadata: { filename: 'photo.png', filetype: 'image/png' },
      headers: OWNER,
      retryDelays: [],
    });
    const url = await new Promise<string>((resolve, reject) => {
      first.options.onChunkComplete = (_chunk, sent) => {
        if (sent >= 50_000 && !aborted) {
          aborted = true;
          void first.abort().then(() => resolve(first.url as string));
        }
      };
      first.options.onError = reject;
      first.start();
    });
    const head = await fetch(url, { method: 'HEAD', headers: { ...OWNER, 'tus-resumable': '1.0.0' } });
    assert.equal(head.headers.get('upload-offset'), '50000');
    let resumedFrom = -1;
    await new Promise<void>((resolve, reject) => {
      const second = new tus.Upload(file, {
        uploadUrl: url,
        headers: OWNER,
        chunkSize: 50_000,
        retryDelays: [],
        onProgress: (sent) => {
          if (resumedFrom < 0) resumedFrom = sent;
        },
        onSuccess: () => resolve(),
        onError: reject,
      });
      second.start();
    });
    assert.ok(resumedFrom >= 50_000, `resumed at the server offset, not from zero (${resumedFrom})`);
    const id = url.split('/').pop() as string;
    const stored = await readFile(path.join(s.dataDir, 'uploads', id));
    assert.ok(stored.equals(file));
  });

  it('refuses at creation a type or size the named attachment does not accept', async () => {
    const type = await create(s, 1000, { filetype: 'text/plain', procedure: 'test-permit', attachmentId: 'id-card' });
    assert.equal(type.status, 415);
    const size = await create(s, 2 * 1024 * 1024, { filetype: 'application/pdf', procedure: 'test-permit', attachmentId: 'id-card' });
    assert.equal(size.status, 413);
    const tooBig = await create(s, 21 * 1024 * 1024, { filetype: 'application/pdf' });
    assert.equal(tooBig.status, 413);
  });

  it('a file whose bytes are not of its claimed type is refused at submission', async () => {
    const bytes = Buffer.concat([Buffer.from('MZ'), randomBytes(2000)]); // an executable posing as a PDF
    const c = await create(s, bytes.length, { filetype: 'application/pdf', filename: 'scan.pdf' });
    const location = new URL(c.headers.get('location') ?? '', s.url).toString();
    const p = await fetch(location, {
      method: 'PATCH',
      headers: { ...OWNER, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: bytes,
    });
    assert.equal(p.status, 204);
    const r = await submit(s.api, validData(2), {
      attachments: [{ attachmentId: 'id-card', uploadId: location.split('/').pop() }],
      session: SESSION,
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.errors[0].pointer, '/attachments/0/uploadId');
  });

  it('a complete upload of the wrong type is refused at submission; termination removes it', async () => {
    const bytes = Buffer.from('plain text, not a scan');
    const c = await create(s, bytes.length, { filetype: 'text/plain' });
    const location = new URL(c.headers.get('location') ?? '', s.url).toString();
    const id = location.split('/').pop() as string;
    const p = await fetch(location, {
      method: 'PATCH',
      headers: { ...OWNER, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: bytes,
    });
    assert.equal(p.status, 204);
    const r = await submit(s.api, validData(2), { attachments: [{ attachmentId: 'id-card', uploadId: id }], session: SESSION });
    assert.equal(r.status, 422);
    assert.equal(r.body.errors[0].pointer, '/attachments/0/uploadId');
    const d = await fetch(location, { method: 'DELETE', headers: { ...OWNER, 'tus-resumable': '1.0.0' } });
    assert.equal(d.status, 204);
    const gone = await fetch(location, { method: 'HEAD', headers: { ...OWNER, 'tus-resumable': '1.0.0' } });
    assert.ok(gone.status === 404 || gone.status === 410);
    await new Promise((res) => setTimeout(res, 50));
    const r2 = await submit(s.api, validData(2), { attachments: [{ attachmentId: 'id-card', uploadId: id }], session: SESSION });
    assert.equal(r2.status, 422);
  });
});
