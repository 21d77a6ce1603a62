/**
 * The small database interface the server uses, with a PGlite (embedded) and a PostgreSQL (`pg`)
 * implementation. Both run the same SQL: the migrations in `server/migrations` and the queries of the
 * store modules (`server/src/store/`, the only place outside this folder that writes SQL) are plain PostgreSQL.
 */

/** A row as returned by the driver. */
export type Row = Record<string, unknown>;

/** What a query returns. */
export interface QueryResult<R extends Row = Row> {
  rows: R[];
  rowCount: number;
}

/** Something SQL can be sent to: the database or an open transaction. */
export interface Queryable {
  /** Runs one parameterised statement (`$1`, `$2`, …). */
  query<R extends Row = Row>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
}

/** The database. */
export interface Db extends Queryable {
  /** `'pglite'` or `'postgres'`. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations), outside any caller transaction. */
  exec(sql: string): Promise<void>;
  /** Closes the connection(s). */
  close(): Promise<void>;
}
