import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthError,
  BackendError,
  ConflictError,
  OfflineError,
  ProblemError,
  ServerError,
  ValidationProblemError,
  isRetryable,
} from '../../../src/runtime/backend.js';

describe('backend errors', () => {
  it('form a hierarchy the shell can tell apart', () => {
    const v = new ValidationProblemError([{ pointer: '/data/a', keyword: 'required', message: 'Nhập A' }]);
    assert.ok(v instanceof ProblemError && v instanceof BackendError);
    assert.equal(v.status, 422);
    assert.ok(new ConflictError() instanceof ProblemError);
    assert.equal(new AuthError(401).title, 'Unauthorized');
    assert.equal(new OfflineError().name, 'OfflineError');
  });
  it('maps /data pointers to dossier pointers and drops the rest', () => {
    const v = new ValidationProblemError([
      { pointer: '/data/applicant/fullName', keyword: 'required', message: 'x' },
      { pointer: '/data', keyword: 'type', message: 'y' },
      { pointer: '/attachments/0', keyword: 'attachment', message: 'z' },
    ]);
    assert.deepEqual(
      v.dataErrors().map((e) => e.pointer),
      ['/applicant/fullName', ''],
    );
  });
  it('retries offline and server errors only', () => {
    assert.equal(isRetryable(new OfflineError()), true);
    assert.equal(isRetryable(new ServerError(503)), true);
    assert.equal(isRetryable(new ConflictError()), false);
    assert.equal(isRetryable(new ValidationProblemError([])), false);
    assert.equal(isRetryable(new Error('x')), false);
  });
});
