/**
 * The server's problem details pick the vi/en text of a message with the runtime's `localize`
 * (dvc-forms/runtime/messages.js), as the browser does: English for `Accept-Language: en`, Vietnamese
 * otherwise, a text without English falling back to Vietnamese.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { validData } from './fixtures/procedure.js';
import { call, startServer, type TestServer } from './helpers.js';

describe("server: problem details in the caller's language", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(async () => s.stop());

  const post = (body: Record<string, unknown>, language?: string) =>
    call(`${s.api}/dossiers`, {
      body: { procedure: 'test-permit', version: '1.2.0', data: validData(), attachments: [], ...body },
      headers: {
        'idempotency-key': randomUUID(),
        'dvc-session': randomBytes(32).toString('base64url'),
        ...(language ? { 'accept-language': language } : {}),
      },
    });

  it('another version: the message in English or Vietnamese', async () => {
    const en = await post({ version: '0.9.0' }, 'en');
    assert.equal(en.status, 422);
    assert.equal(en.body.errors[0].message, 'This back end accepts version 1.2.0; reload the form.');
    const vi = await post({ version: '0.9.0' });
    assert.equal(vi.body.errors[0].message, 'Hệ thống chỉ nhận phiên bản 1.2.0; vui lòng tải lại biểu mẫu.');
  });

  it("a missing attachment: the detail and the attachment's title in the caller's language", async () => {
    const en = await post({}, 'en-GB,en;q=0.9');
    assert.equal(en.status, 422);
    assert.equal(en.body.detail, 'The dossier has errors; nothing was stored.');
    assert.ok(
      en.body.errors.some((e: { message: string }) => e.message === 'A required attachment is missing: ID card scan.'),
      JSON.stringify(en.body.errors),
    );
    const vi = await post({}, 'vi');
    assert.equal(vi.body.detail, 'Hồ sơ còn lỗi; chưa được lưu.');
    assert.ok(
      vi.body.errors.some((e: { message: string }) => e.message === 'Thiếu thành phần hồ sơ bắt buộc: Bản chụp căn cước.'),
      JSON.stringify(vi.body.errors),
    );
  });
});
