/**
 * The db layer keeps the process alive and the values out of errors (issue 7, items 7 and 8).
 * The PostgreSQL part runs when DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { DatabaseError } from '../../../server/src/db/errors.js';
import { openPglite } from '../../../server/src/db/pglite.js';
import { openPostgres } from '../../../server/src/db/postgres.js';
import { freshPgSchema } from './helpers.js';

const NAME = 'HOÀNG VĂN THÁI';

describe('db layer', () => {
  it('PGlite: a failed statement is a DatabaseError without its parameters; transactions still work after', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dvc-dblayer-'));
    const db = await openPglite(dir);
    try {
      await db.exec('CREATE TABLE t (a text NOT NULL, CHECK (a <> $$x$$))');
      const err = await db.query('INSERT INTO t VALUES ($1::int::text)', [NAME]).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(err instanceof DatabaseError, String(err));
      assert.equal(err.code, '22P02');
      assert.ok(!JSON.stringify({ ...err, m: err.message, s: err.stack }).includes(NAME), 'no value in the error');
      const inTx = await db
        .transaction(async (tx) => tx.query('INSERT INTO t VALUES ($1)', ['x']))
        .then(
          () => null,
          (e: unknown) => e,
        );
      assert.ok(inTx instanceof DatabaseError);
      assert.equal(inTx.constraint, 't_a_check');
      await db.transaction(async (tx) => tx.query('INSERT INTO t VALUES ($1)', ['ok']));
      assert.equal((await db.query('SELECT count(*)::int AS n FROM t')).rows[0].n, 1);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: the connection of an open transaction killed by the server does not end the process', async (t) => {
    const schema = await freshPgSchema();
    if (!schema) return t.skip('DATABASE_URL not set');
    const db = await openPostgres(schema.url, 2);
    const admin = new pg.Client({ connectionString: schema.url });
    await admin.connect();
    try {
      const result = await db
        .transaction(async (tx) => {
          const pid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          // Wait, idle in the transaction, until the server has dropped the connection: the client then
          // emits 'error' with no query running (uncaught before the fix: the process ended here).
          for (;;) {
            const r = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [pid]);
            if (r.rows[0].n === 0) break;
          }
          await new Promise((resolve) => setTimeout(resolve, 300));
          await tx.query('SELECT 1');
          return 'committed';
        })
        .then(
          (v) => v,
          (e: unknown) => e,
        );
      assert.ok(result instanceof Error, `the transaction fails: ${String(result)}`);
      // The broken client was discarded: the pool still answers.
      assert.equal((await db.query<{ one: number }>('SELECT 1 AS one')).rows[0].one, 1);
      await db.transaction(async (tx) => tx.query('SELECT 1'));
    } finally {
      await admin.end();
      await db.close();
      await schema.drop();
    }
  });
});
