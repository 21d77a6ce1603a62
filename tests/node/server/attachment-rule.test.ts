/**
 * The reference server takes the files the runtime's attachment rule takes (src/runtime/attachments.ts),
 * case for case of tests/fixtures/attachment-cases.ts (the browser's `<dvc-attachment>` is held to the
 * same table in tests/browser/components/attachment-rule.test.ts):
 * - the upload creation route, which refuses early when the client names the attachment: 201, or 415
 *   for the type, 413 for the size;
 * - the submission, which judges the finished upload by the type its bytes tell (server/src/sniff.ts):
 *   each case's bytes are of the type it claims, so the verdict is the same.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadProcedures } from '../../../server/src/procedures.js';
import { ATTACHMENT_CASES, caseAttachment, type Verdict } from '../../fixtures/attachment-cases.js';
import { validData, writeTestProcedure } from './fixtures/procedure.js';
import { startServer, submit, type TestServer } from './helpers.js';

const SESSION = randomBytes(32).toString('base64url');
const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** `size` bytes that read as `type` (PDF, PNG and JPEG headers; anything else is zeros, which the server cannot tell). */
function bytesOf(type: string, size: number): Buffer {
  const head: Record<string, number[]> = {
    'application/pdf': [...Buffer.from('%PDF-1.7\n')],
    'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    'image/jpeg': [0xff, 0xd8, 0xff, 0xe0],
  };
  const out = Buffer.alloc(size);
  Buffer.from(head[type.split(';')[0]!.trim()] ?? []).copy(out);
  return out;
}

async function createUpload(s: TestServer, size: number, meta: Record<string, string>): Promise<Response> {
  return fetch(`${s.api}/uploads`, {
    method: 'POST',
    headers: {
      'dvc-session': SESSION,
      'tus-resumable': '1.0.0',
      'upload-length': String(size),
      'upload-metadata': Object.entries(meta)
        .map(([k, v]) => (v === '' ? k : `${k} ${b64(v)}`))
        .join(','),
    },
  });
}

describe('server: the attachment rule of the runtime, case for case', () => {
  let s: TestServer;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dvc-attachment-rule-'));
    await writeTestProcedure(dir);
    const procedures = await loadProcedures(dir);
    const proc = procedures.get('test-permit')!;
    procedures.set('test-permit', { ...proc, model: { ...proc.model, attachments: ATTACHMENT_CASES.map(caseAttachment) } });
    s = await startServer({}, {}, { procedures });
  });
  after(async () => {
    await s.stop();
    await rm(dir, { recursive: true, force: true });
  });

  ATTACHMENT_CASES.forEach((c, i) => {
    it(`upload creation: ${c.name} → ${c.verdict}`, async () => {
      const r = await createUpload(s, c.file.size, {
        procedure: 'test-permit',
        attachmentId: `case-${i}`,
        filename: c.file.name,
        filetype: c.file.type,
      });
      const status: Record<Verdict, number> = { accepted: 201, type: 415, size: 413 };
      assert.equal(r.status, status[c.verdict], await r.text());
    });
  });

  it('submission: every finished upload judged as the table says', async () => {
    const refs: Array<{ attachmentId: string; uploadId: string }> = [];
    for (const [i, c] of ATTACHMENT_CASES.entries()) {
      // Created without naming the attachment, so only the submission judges it.
      const created = await createUpload(s, c.file.size, { filename: c.file.name, filetype: c.file.type });
      assert.equal(created.status, 201);
      const location = new URL(created.headers.get('location') ?? '', s.url).toString();
      const patch = await fetch(location, {
        method: 'PATCH',
        headers: {
          'dvc-session': SESSION,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
        },
        body: new Uint8Array(bytesOf(c.file.type, c.file.size)),
      });
      assert.equal(patch.status, 204, `case ${i}: ${await patch.text()}`);
      refs.push({ attachmentId: `case-${i}`, uploadId: location.split('/').pop()! });
    }
    const r = await submit(s.api, validData(), { session: SESSION, attachments: refs });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    const verdicts = ATTACHMENT_CASES.map((_, i) => {
      const errors = (r.body.errors as Array<{ pointer: string; message: string }>).filter(
        (e) => e.pointer === `/attachments/${i}/uploadId`,
      );
      if (errors.length === 0) return 'accepted';
      return /Loại tệp/.test(errors[0]!.message) ? 'type' : /lớn hơn/.test(errors[0]!.message) ? 'size' : errors[0]!.message;
    });
    assert.deepEqual(
      verdicts,
      ATTACHMENT_CASES.map((c) => c.verdict),
    );
  });
});
