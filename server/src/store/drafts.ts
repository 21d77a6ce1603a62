/**
 * The drafts aggregate: a signed-in citizen's server-side draft of one procedure (`drafts`, one row per
 * citizen and procedure). Each save moves `updated_at` forward (at least 1 ms), so `updatedAt`
 * identifies the stored version; a guarded save (`saveDraft` with a `base`) is one statement whose
 * `WHERE` is the guard, so two devices saving at once cannot both win.
 */
import type { Queryable } from '../db/db.js';
import { iso } from '../util.js';

/** What a draft holds. */
export interface DraftBody {
  version: string;
  data: Record<string, unknown>;
  stepId?: string;
  savedAt?: string;
}

/** A stored draft. */
export interface DraftRecord {
  procedure: string;
  body: DraftBody;
  /** RFC 3339. */
  updatedAt: string;
}

interface DraftRow {
  procedure_slug: string;
  body: DraftBody;
  updated_at: unknown;
  [column: string]: unknown;
}

function toDraft(r: DraftRow): DraftRecord {
  return { procedure: r.procedure_slug, body: r.body, updatedAt: iso(r.updated_at) };
}

/** The citizen's draft of the procedure saved after `savedAfter` (RFC 3339; older ones have expired), or null. */
export async function findDraft(q: Queryable, citizen: string, procedure: string, savedAfter: string): Promise<DraftRecord | null> {
  const r = await q.query<DraftRow>(
    'SELECT procedure_slug, body, updated_at FROM drafts WHERE citizen_subject = $1 AND procedure_slug = $2 AND updated_at > $3',
    [citizen, procedure, savedAfter],
  );
  return r.rows[0] ? toDraft(r.rows[0]) : null;
}

/**
 * Which stored draft a save may replace:
 * - `any`: whatever is stored;
 * - `none`: only none, or one not saved after `expiredBefore` (expired);
 * - `version`: only the one whose `updatedAt` is `updatedAt`, if saved after `expiredBefore`.
 */
export type DraftGuard =
  { kind: 'any' } | { kind: 'none'; expiredBefore: string } | { kind: 'version'; updatedAt: string; expiredBefore: string };

/** Saves the citizen's draft at `now` (RFC 3339) if `guard` allows; the stored draft, or null when refused. */
export async function saveDraft(
  q: Queryable,
  draft: { citizen: string; procedure: string; body: Omit<DraftBody, 'data'> & { data: unknown }; now: string },
  guard: DraftGuard,
): Promise<DraftRecord | null> {
  const params = [draft.citizen, draft.procedure, JSON.stringify(draft.body), draft.now];
  const next = `GREATEST($4::timestamptz, drafts.updated_at + interval '1 millisecond')`;
  const returning = 'RETURNING procedure_slug, body, updated_at';
  let r;
  if (guard.kind === 'any') {
    r = await q.query<DraftRow>(
      `INSERT INTO drafts (citizen_subject, procedure_slug, body, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (citizen_subject, procedure_slug) DO UPDATE SET body = EXCLUDED.body, updated_at = ${next} ${returning}`,
      params,
    );
  } else if (guard.kind === 'none') {
    r = await q.query<DraftRow>(
      `INSERT INTO drafts (citizen_subject, procedure_slug, body, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (citizen_subject, procedure_slug) DO UPDATE SET body = EXCLUDED.body, updated_at = ${next}
       WHERE drafts.updated_at <= $5 ${returning}`,
      [...params, guard.expiredBefore],
    );
  } else {
    r = await q.query<DraftRow>(
      `UPDATE drafts SET body = $3::jsonb, updated_at = ${next}
       WHERE citizen_subject = $1 AND procedure_slug = $2 AND updated_at = $5 AND updated_at > $6 ${returning}`,
      [...params, guard.updatedAt, guard.expiredBefore],
    );
  }
  return r.rows[0] ? toDraft(r.rows[0]) : null;
}

/** Deletes the citizen's draft of the procedure (none: no-op). */
export async function deleteDraft(q: Queryable, citizen: string, procedure: string): Promise<void> {
  await q.query('DELETE FROM drafts WHERE citizen_subject = $1 AND procedure_slug = $2', [citizen, procedure]);
}
