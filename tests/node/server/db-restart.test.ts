/**
 * PostgreSQL connection loss inside a transaction (found by `npm run bench:server -- --restart-db`): the
 * server process died with an unhandled 'error' event of the pool client when the database restarted.
 * Runs when DATABASE_URL is set (as the other PostgreSQL tests do).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Db } from '../../../server/db/db.js';
import { openPostgres } from '../../../server/db/postgres.js';
import { freshPgSchema } from './helpers.js';

const skip = process.env.DATABASE_URL ? false : 'DATABASE_URL is not set';

describe('PostgreSQL: a connection lost inside a transaction', { skip }, () => {
  let schema: { url: string; drop(): Promise<void> };
  let db: Db;
  before(async () => {
    schema = (await freshPgSchema())!;
    db = await openPostgres(schema.url, 2);
  });
  after(async () => {
    await db.close();
    await schema.drop();
  });

  it('rejects the transaction, keeps the process alive and serves the next queries on fresh connections', async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await assert.rejects(
        db.transaction(async (tx) => {
          const pid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
          // What a database restart does to every open connection.
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          await new Promise((r) => setTimeout(r, 200)); // the 'error' event arrives while the client is lent out
          await tx.query('SELECT 1');
        }),
      );
      // Both pool slots work again (the broken client was dropped, not lent out again).
      const r = await Promise.all([db.query<{ one: number }>('SELECT 1 AS one'), db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'))]);
      assert.deepEqual(r.map((x) => x.rows[0].one), [1, 1]);
    } finally {
      await admin.end();
    }
  });
});
