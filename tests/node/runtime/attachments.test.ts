/**
 * The attachment rule (src/runtime/attachments.ts): the shared table of file cases, and the count and
 * required parts of the rule. The server route and the browser component are held to the same table in
 * tests/node/server/attachment-rule.test.ts and tests/browser/components/attachment-rule.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptsFile, attachmentShortfall, fileRefusals, isAttachmentRequired } from '../../../src/runtime/attachments.js';
import { ConditionError } from '../../../src/runtime/conditions.js';
import type { CompiledValidator } from '../../../src/runtime/model.js';
import { ATTACHMENT_CASES, caseAttachment } from '../../fixtures/attachment-cases.js';

describe('attachments: which files an attachment takes', () => {
  ATTACHMENT_CASES.forEach((c, i) => {
    it(`${c.name} → ${c.verdict}`, () => {
      const refusals = fileRefusals(caseAttachment(c, i), c.file);
      assert.equal(refusals[0] ?? 'accepted', c.verdict);
    });
  });

  it('an empty list takes every file; a type and a size can both be refused', () => {
    assert.ok(acceptsFile([], { name: 'x.exe', type: 'anything/at-all' }));
    assert.ok(acceptsFile(['application/pdf', 'image/*'], { type: 'image/png' }));
    assert.ok(!acceptsFile(['application/pdf'], { type: 'application/octet-stream' }));
    assert.ok(!acceptsFile(['.'], { name: 'x.', type: '' }), 'a lone dot is no extension');
    assert.deepEqual(fileRefusals({ accept: ['application/pdf'], maxSizeMB: 1 }, { type: 'image/png', size: 2 * 1024 * 1024 }), [
      'type',
      'size',
    ]);
    assert.deepEqual(
      fileRefusals({ accept: ['application/pdf'], maxSizeMB: 1 }, { type: 'application/pdf' }),
      [],
      'an unknown size is not judged',
    );
  });
});

describe('attachments: count and required', () => {
  const validator = {
    validate: () => true,
    conditions: { many: (d: unknown) => (d as { copies?: number }).copies! >= 3 },
  } as unknown as CompiledValidator;
  const att = { id: 'extra', required: false, requiredWhen: 'many', maxFiles: 2 };

  it('required when `required`, or while `requiredWhen` holds', () => {
    assert.equal(isAttachmentRequired({ ...att, required: true, requiredWhen: undefined }, validator, {}), true);
    assert.equal(isAttachmentRequired(att, validator, { copies: 3 }), true);
    assert.equal(isAttachmentRequired(att, validator, { copies: 1 }), false);
    assert.equal(isAttachmentRequired({ ...att, requiredWhen: undefined }, validator, { copies: 3 }), false);
    assert.throws(() => isAttachmentRequired({ ...att, requiredWhen: 'nope' }, validator, {}), ConditionError);
  });

  it('none while required is missing; more than maxFiles is too many', () => {
    assert.equal(attachmentShortfall(att, 0, true), 'missing');
    assert.equal(attachmentShortfall(att, 0, false), null);
    assert.equal(attachmentShortfall(att, 2, true), null);
    assert.equal(attachmentShortfall(att, 3, false), 'too-many');
  });
});
