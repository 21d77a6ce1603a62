/**
 * Database errors without the data. The drivers attach the statement's parameters (PGlite: `params`)
 * and PostgreSQL's own `detail` / `where` quote row values ("Failing row contains (…)", "JSON data, line
 * 1: …"): logged as they are, one failed insert writes a whole dossier into the log. The db layer turns
 * every driver error into a `DatabaseError` that keeps only what identifies the failure.
 */

/** A database failure: SQLSTATE and where, never values. */
export class DatabaseError extends Error {
  /** SQLSTATE, e.g. `23505` (unique violation), `22P05` (untranslatable character). */
  readonly code?: string;
  readonly severity?: string;
  readonly table?: string;
  readonly column?: string;
  readonly constraint?: string;
  readonly routine?: string;

  constructor(
    message: string,
    fields: { code?: string; severity?: string; table?: string; column?: string; constraint?: string; routine?: string },
  ) {
    super(message);
    this.name = 'DatabaseError';
    this.code = fields.code;
    this.severity = fields.severity;
    this.table = fields.table;
    this.column = fields.column;
    this.constraint = fields.constraint;
    this.routine = fields.routine;
  }
}

const IDENT = /^[A-Za-z0-9_.$ -]{1,128}$/;

/**
 * Replaces quoted parts (`"…"`, `'…'`, `«…»`) and long digit runs of a message: PostgreSQL and V8
 * quote the offending value there (`invalid input syntax for type integer: "0912…"`). Cut at 300 characters.
 */
export function redactMessage(message: string): string {
  const out = message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/«[^»]*»/g, '«…»')
    .replace(/\d{6,}/g, '#')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

/**
 * The driver error as a `DatabaseError` (message redacted; parameters, detail, where, query dropped).
 * Anything that is not a driver error (an HttpProblem thrown inside a transaction, a network error)
 * passes through unchanged.
 */
export function toDatabaseError(err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof DatabaseError) return err;
  const e = err as Error & Record<string, unknown>;
  const isDriverError = typeof e.severity === 'string' || 'params' in e || 'detail' in e || 'where' in e;
  if (!isDriverError) return err;
  const field = (k: string): string | undefined => (typeof e[k] === 'string' && IDENT.test(e[k] as string) ? (e[k] as string) : undefined);
  const wrapped = new DatabaseError(redactMessage(e.message), {
    code: field('code'),
    severity: field('severity'),
    table: field('table'),
    column: field('column'),
    constraint: field('constraint'),
    routine: field('routine'),
  });
  return wrapped;
}
