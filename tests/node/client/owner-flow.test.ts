/**
 * The SDK's HTTP client against the reference back end (not a stand-in): a citizen files without signing
 * in, with the filing's session secret (Dvc-Session) carrying the ownership of the upload, the dossier and
 * its payment; a stranger with another secret can act on none of them; a citizen who signs in half way
 * keeps the upload made before.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createHttpClient } from '../../../src/client/http-client.js';
import { newSessionSecret } from '../../../src/runtime/session-secret.js';
import { validData } from '../server/fixtures/procedure.js';
import { devToken, startServer, type TestServer } from '../server/helpers.js';

const PDF = (): Uint8Array => new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4000)]));
const upload = { filename: 'cccd.pdf', filetype: 'application/pdf', metadata: { procedure: 'test-permit' }, attachmentId: 'id-card' };
const noRetry = { sleep: async () => undefined };

describe('HTTP client ↔ reference back end: who owns a filing', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.stop());

  it('an anonymous filing uploads, files and pays with its session secret; a stranger can do none of it', async () => {
    const secret = newSessionSecret();
    const client = createHttpClient({ baseUrl: s.api, sessionProvider: () => secret, retry: noRetry });
    const up = await client.upload(PDF(), upload);
    const receipt = await client.submitDossier(
      'test-permit',
      '1.2.0',
      validData(2),
      [{ attachmentId: 'id-card', uploadId: up.uploadId }],
      `k-${Date.now()}`,
    );
    assert.match(receipt.code, /-\d{6}-\d{4}$/);
    const payment = await client.createPayment(receipt.code, 'vietqr');
    assert.equal(payment.status, 'pending');
    assert.equal((await client.getPayment(payment.id)).id, payment.id);
    assert.ok((await client.downloadUpload(up.uploadId)).size > 4000);

    const stranger = createHttpClient({ baseUrl: s.api, sessionProvider: () => newSessionSecret(), retry: noRetry });
    await assert.rejects(stranger.getPayment(payment.id));
    await assert.rejects(stranger.createPayment(receipt.code, 'counter'));
    await assert.rejects(stranger.downloadUpload(up.uploadId));
    const anonymous = createHttpClient({ baseUrl: s.api, retry: noRetry });
    await assert.rejects(anonymous.upload(PDF(), upload));
  });

  it('a citizen who signs in half way files the upload made before signing in', async () => {
    const secret = newSessionSecret();
    let token: string | null = null;
    const client = createHttpClient({ baseUrl: s.api, tokenProvider: async () => token, sessionProvider: () => secret, retry: noRetry });
    const up = await client.upload(PDF(), upload);
    token = await devToken(s.api, 'dev-citizen-002');
    const receipt = await client.submitDossier(
      'test-permit',
      '1.2.0',
      validData(2),
      [{ attachmentId: 'id-card', uploadId: up.uploadId }],
      `k-${Date.now()}`,
    );
    // The dossier is the signed-in citizen's: their token alone pays it.
    const signedIn = createHttpClient({ baseUrl: s.api, tokenProvider: async () => token, retry: noRetry });
    assert.equal((await signedIn.createPayment(receipt.code, 'counter')).status, 'pending');
  });
});
