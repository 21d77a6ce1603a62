/** PostgreSQL through a `pg` connection pool. Driver errors become `DatabaseError`s (no values). */
import pg from 'pg';
import type { Db, QueryResult, Queryable, Row } from './db.js';
import { toDatabaseError } from './errors.js';

/** Connects a pool to `connectionString` and checks the connection once. */
export async function openPostgres(connectionString: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();

  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      try {
        const r = await q.query<R>(sql, params);
        return { rows: r.rows, rowCount: r.rowCount ?? r.rows.length };
      } catch (err) {
        throw toDatabaseError(err);
      }
    },
  });

  return {
    kind: 'postgres',
    query: (sql, params) => wrap(pool).query(sql, params),
    async transaction(fn) {
      const c = await pool.connect().catch((err: unknown) => Promise.reject(toDatabaseError(err)));
      // A checked-out client has no 'error' listener of the pool's: the server closing its connection while
      // the transaction waits on the route's own work would otherwise be an uncaught 'error' event that
      // ends the process. Keep the error; the next statement fails, and the broken client is discarded.
      let broken: Error | undefined;
      const onError = (err: Error): void => {
        broken = err;
      };
      c.on('error', onError);
      try {
        await c.query('BEGIN');
        const out = await fn(wrap(c));
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw toDatabaseError(err);
      } finally {
        c.removeListener('error', onError);
        c.release(broken ?? undefined);
      }
    },
    async exec(sql) {
      try {
        await pool.query(sql);
      } catch (err) {
        throw toDatabaseError(err);
      }
    },
    close: () => pool.end(),
  };
}
