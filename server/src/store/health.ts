/** The database's own health. */
import type { Queryable } from '../db/db.js';

/** Resolves when the database answers a statement; rejects when it does not. */
export async function pingDatabase(q: Queryable): Promise<void> {
  await q.query('SELECT 1 AS ok');
}
