/**
 * What the server writes to its log, and only that: no request bodies, no query strings, no headers
 * beyond method and path, no database parameters or row values, no values quoted in error messages.
 * Every logger of the server goes through these serializers (Fastify's `logger.serializers`).
 */
import { DatabaseError, redactMessage } from './db/errors.js';

/** A logged error: its kind, code, redacted message and stack frames (never the message line). */
export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  statusCode?: number;
  stack?: string;
  sqlState?: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
  cause?: LoggedError;
}

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The `err` serializer: an allow-list of fields, whatever the error object carries (PGlite attaches the
 * statement's parameters, PostgreSQL the failing row, V8 quotes the text it could not parse).
 */
export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) {
    return { type: err === null ? 'null' : typeof err, message: typeof err === 'string' ? redactMessage(err) : '(not an Error)' };
  }
  const e = err as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  const out: LoggedError = { type: e.name || e.constructor?.name || 'Error', message: redactMessage(e.message ?? '') };
  if (typeof e.code === 'string' && CODE.test(e.code)) out.code = e.code;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((l) => /^\s+at /.test(l));
    if (frames.length > 0) out.stack = frames.slice(0, 20).join('\n');
  }
  if (err instanceof DatabaseError) {
    if (err.code) out.sqlState = err.code;
    for (const k of ['table', 'column', 'constraint', 'routine'] as const) if (err[k]) out[k] = err[k];
  }
  if (e.cause !== undefined && depth < 2) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** Log keys that could hold personal data, removed wherever they appear (defence in depth). */
export const REDACTED_LOG_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-signature"]',
  'req.headers["dvc-session"]',
  'body',
  'params',
  'query',
  'data',
  '*.body',
  '*.params',
  '*.query',
  '*.data',
  '*.detail',
  '*.where',
];
