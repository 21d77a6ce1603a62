/**
 * PGlite (embedded PostgreSQL compiled to WASM) with its data directory on disk. PGlite has a single
 * connection, so every statement and transaction goes through one FIFO lock: a transaction never
 * interleaves with another caller's statements. Driver errors become `DatabaseError`s (no values).
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, QueryResult, Queryable, Row } from './db.js';
import { toDatabaseError } from './errors.js';
import { Mutex } from './mutex.js';

/** Opens (creating when missing) a PGlite database in `dataDir`. */
export async function openPglite(dataDir: string): Promise<Db> {
  await mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir);
  const lock = new Mutex();

  const direct: Queryable = {
    async query<R extends Row = Row>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      try {
        const r = await pg.query<R>(sql, params);
        return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
      } catch (err) {
        throw toDatabaseError(err);
      }
    },
  };

  return {
    kind: 'pglite',
    query: (sql, params) => lock.run(() => direct.query(sql, params)),
    transaction: (fn) =>
      lock.run(async () => {
        await pg.exec('BEGIN').catch((err: unknown) => Promise.reject(toDatabaseError(err)));
        try {
          const out = await fn(direct);
          await pg.exec('COMMIT');
          return out;
        } catch (err) {
          await pg.exec('ROLLBACK').catch(() => undefined);
          throw toDatabaseError(err);
        }
      }),
    exec: (sql) =>
      lock.run(async () => {
        try {
          await pg.exec(sql);
        } catch (err) {
          throw toDatabaseError(err);
        }
      }),
    close: () => lock.run(() => pg.close()),
  };
}
