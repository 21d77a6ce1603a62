import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXTENSION_TYPES } from '../../../src/runtime/attachments.js';
import { effectiveType, sniffType, SNIFFABLE } from '../../../server/src/sniff.js';

describe('server: file type sniffing', () => {
  it('recognises PDF, PNG, JPEG, GIF and WebP by their first bytes', () => {
    assert.equal(sniffType(Buffer.from('%PDF-1.4\n%âãÏÓ')), 'application/pdf');
    assert.equal(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), 'image/png');
    assert.equal(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'image/jpeg');
    assert.equal(sniffType(Buffer.from('GIF89a....')), 'image/gif');
    assert.equal(sniffType(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1')), 'image/webp');
    assert.equal(sniffType(Buffer.from('MZ\x90\x00')), null);
    assert.equal(sniffType(new Uint8Array()), null);
  });

  it('judges by the detected type; a recognisable claim the bytes do not back is octet-stream', () => {
    assert.equal(effectiveType('image/png', 'application/pdf'), 'application/pdf');
    assert.equal(effectiveType('application/pdf', 'unknown'), 'application/octet-stream');
    assert.equal(effectiveType('application/vnd.oasis.opendocument.text', 'unknown'), 'application/vnd.oasis.opendocument.text');
    assert.equal(effectiveType('application/pdf', null), 'application/pdf');
    assert.equal(effectiveType(null, null), 'application/octet-stream');
  });

  it('recognises exactly the types whose extensions the attachment rule knows (EXTENSION_TYPES)', () => {
    assert.deepEqual([...new Set(Object.values(EXTENSION_TYPES))].sort(), [...SNIFFABLE].sort());
  });
});
