/** PostgreSQL through a `pg` connection pool. */
import pg from 'pg';
import type { Db, QueryResult, Queryable, Row } from './db.js';

/** Connects a pool to `connectionString` and checks the connection once. */
export async function openPostgres(connectionString: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();

  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      const r = await q.query<R>(sql, params);
      return { rows: r.rows, rowCount: r.rowCount ?? r.rows.length };
    },
  });

  return {
    kind: 'postgres',
    query: (sql, params) => wrap(pool).query(sql, params),
    async transaction(fn) {
      const c = await pool.connect();
      // A checked-out client whose connection dies (database restart, terminated backend) emits 'error';
      // with no listener that ends the process. The pending query rejects anyway, so only note it, and
      // hand the client back as broken so the pool drops it instead of lending it again.
      let lost: Error | undefined;
      const onError = (err: Error): void => {
        lost = err;
      };
      c.on('error', onError);
      try {
        await c.query('BEGIN');
        const out = await fn(wrap(c));
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.off('error', onError);
        c.release(lost);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
