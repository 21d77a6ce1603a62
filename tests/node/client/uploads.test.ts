import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Server as TusServer } from '@tus/server';
import { FileStore } from '@tus/file-store';
import { createHttpClient } from '../../../src/client/http-client.js';
import { OfflineError, ProblemError } from '../../../src/runtime/backend.js';
import { uploadIdFromUrl, type UploadUrlStorage } from '../../../src/client/uploads.js';
import { newSessionSecret } from '../../../src/runtime/session-secret.js';

type PreviousUpload = Awaited<ReturnType<UploadUrlStorage['findAllUploads']>>[number];

/** Remembers upload URLs in memory, as localStorage would across a page reload. */
class MemoryUrlStorage implements UploadUrlStorage {
  readonly entries = new Map<string, PreviousUpload & { fingerprint: string }>();
  private n = 0;
  async findAllUploads(): Promise<PreviousUpload[]> {
    return [...this.entries.values()];
  }
  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return [...this.entries.values()].filter((e) => e.fingerprint === fingerprint);
  }
  async removeUpload(key: string): Promise<void> {
    this.entries.delete(key);
  }
  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const key = `tus::${fingerprint}::${++this.n}`;
    this.entries.set(key, { ...upload, urlStorageKey: key, fingerprint });
    return key;
  }
}

let dir: string;
let server: http.Server;
let base: string;
let requests: Array<{ method: string; url: string; offset?: string; auth?: string; session?: string }> = [];

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dvc-client-uploads-'));
  const tus = new TusServer({
    path: '/api/v1/uploads',
    datastore: new FileStore({ directory: dir }),
    maxSize: 1024 * 1024,
  });
  server = http.createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      offset: req.headers['upload-offset'] as string | undefined,
      auth: req.headers.authorization,
      session: req.headers['dvc-session'] as string | undefined,
    });
    void tus.handle(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  requests = [];
});

describe('client.upload (tus)', () => {
  it('uploads a file with metadata, progress and the bearer token; the id is the URL tail', async () => {
    const file = randomBytes(200 * 1024);
    const progress: number[] = [];
    const client = createHttpClient({ baseUrl: base, tokenProvider: async () => 'tok-up', uploads: { chunkSize: 64 * 1024 } });
    const result = await client.upload(file, {
      filename: 'giay-chung-sinh.pdf',
      filetype: 'application/pdf',
      metadata: { procedure: 'birth-registration' },
      attachmentId: 'birthCertificate',
      onProgress: (sent) => progress.push(sent),
    });
    assert.equal(result.size, file.length);
    assert.equal(result.resumed, false);
    assert.equal(result.uploadId, uploadIdFromUrl(result.url));
    assert.deepEqual(await readFile(path.join(dir, result.uploadId)), file);
    const info = JSON.parse(await readFile(path.join(dir, `${result.uploadId}.json`), 'utf8')) as {
      metadata: Record<string, string>;
    };
    assert.deepEqual(info.metadata, {
      procedure: 'birth-registration',
      filename: 'giay-chung-sinh.pdf',
      filetype: 'application/pdf',
      attachmentId: 'birthCertificate',
    });
    assert.equal(progress.at(-1), file.length);
    assert.ok(progress.length >= 2, 'progress is reported as chunks go');
    assert.ok(requests.length >= 4 && requests.every((r) => r.auth === 'Bearer tok-up'), 'every tus request carries the token');
  });

  it('an anonymous filing sends its session secret on the creation, every PATCH, a resume (HEAD) and the termination', async () => {
    const file = randomBytes(200 * 1024);
    const secret = newSessionSecret();
    const storage = new MemoryUrlStorage();
    const chunk = 64 * 1024;
    const opts = { resumeKey: 'anon-1', metadata: { procedure: 'birth-registration' }, attachmentId: 'birthCertificate' };
    const first = createHttpClient({ baseUrl: base, sessionProvider: () => secret, uploads: { chunkSize: chunk, urlStorage: storage } });
    const abort = new AbortController();
    await assert.rejects(
      first.upload(file, { ...opts, signal: abort.signal, onProgress: (sent) => sent > chunk && abort.abort() }),
      (e: unknown) => (e as Error).name === 'AbortError',
    );
    await new Promise((r) => setTimeout(r, 100));
    // A reloaded page: a new client, the secret restored from the draft.
    const second = createHttpClient({
      baseUrl: base,
      sessionProvider: async () => secret,
      uploads: { chunkSize: chunk, urlStorage: storage },
    });
    const result = await second.upload(file, opts);
    assert.equal(result.resumed, true);
    await second.removeUpload(result.uploadId);
    const methods = new Set(requests.map((r) => r.method));
    for (const m of ['POST', 'PATCH', 'HEAD', 'DELETE']) assert.ok(methods.has(m), `a ${m} was sent`);
    for (const r of requests) {
      assert.equal(r.session, secret, `${r.method} ${r.url} carries Dvc-Session`);
      assert.equal(r.auth, undefined);
    }
  });

  it('resumes an interrupted upload of the same file from the offset the server holds (as after a reload)', async () => {
    const file = randomBytes(320 * 1024);
    const storage = new MemoryUrlStorage();
    const chunk = 64 * 1024;
    const first = createHttpClient({ baseUrl: base, uploads: { chunkSize: chunk, urlStorage: storage } });
    const abort = new AbortController();
    await assert.rejects(
      first.upload(file, {
        resumeKey: 'photo-1',
        metadata: { procedure: 'permanent-residence' },
        attachmentId: 'dwellingProof',
        signal: abort.signal,
        onProgress: (sent) => {
          if (sent > chunk) abort.abort();
        },
      }),
      (e: unknown) => (e as Error).name === 'AbortError',
    );
    assert.equal(storage.entries.size, 1, 'the upload URL was remembered under the file fingerprint');
    const remembered = [...storage.entries.values()][0].uploadUrl;
    assert.ok(remembered);
    const id = uploadIdFromUrl(remembered);
    await new Promise((r) => setTimeout(r, 100));

    // A new client (a reloaded page) with the same storage and the same file.
    requests = [];
    const second = createHttpClient({ baseUrl: base, uploads: { chunkSize: chunk, urlStorage: storage } });
    const result = await second.upload(file, {
      resumeKey: 'photo-1',
      metadata: { procedure: 'permanent-residence' },
      attachmentId: 'dwellingProof',
    });
    assert.equal(result.resumed, true);
    assert.equal(result.uploadId, id, 'the same upload continued');
    assert.equal(requests[0].method, 'HEAD', 'resuming asks the server for its offset first');
    assert.ok(!requests.some((r) => r.method === 'POST'), 'no new upload was created');
    const firstPatch = requests.find((r) => r.method === 'PATCH');
    assert.ok(firstPatch && Number(firstPatch.offset) >= chunk, `resumed at offset ${firstPatch?.offset}, not 0`);
    assert.deepEqual(await readFile(path.join(dir, id)), file);
    assert.equal(storage.entries.size, 0, 'the fingerprint is forgotten once the upload is complete');
  });

  it('reports a file over the server limit as UploadError 413', async () => {
    const client = createHttpClient({ baseUrl: base });
    await assert.rejects(client.upload(randomBytes(1024 * 1024 + 1), { filename: 'big.jpg', attachmentId: 'y' }), (e: unknown) => {
      assert.ok(e instanceof ProblemError, String(e));
      assert.equal(e.status, 413);
      assert.match(e.message, /big\.jpg/);
      return true;
    });
  });

  it('terminates an upload with removeUpload (later HEAD is 404/410)', async () => {
    const client = createHttpClient({ baseUrl: base });
    const r = await client.upload(new Blob([randomBytes(1000)], { type: 'image/jpeg' }), { attachmentId: 'y' });
    await client.removeUpload(r.uploadId);
    const head = await fetch(r.url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
    assert.ok(head.status === 404 || head.status === 410, `HEAD after DELETE answered ${head.status}`);
    await client.removeUpload(r.uploadId); // already gone: no error
  });

  it('fails as OfflineError when the server cannot be reached', async () => {
    const client = createHttpClient({ baseUrl: 'http://127.0.0.1:9/api/v1', uploads: { retryDelays: [] } });
    await assert.rejects(client.upload(randomBytes(10), { attachmentId: 'y' }), OfflineError);
  });
});
