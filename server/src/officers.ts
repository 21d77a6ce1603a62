/**
 * Officers of the handling agency (cán bộ một cửa / chuyên viên) and the dossier status workflow they drive.
 *
 * An officer is the caller of a JWT from the configured issuer that carries the officer scope
 * (`OFFICER_SCOPE`, in `scope` as a space-separated list or in the `scp` array) and names the officer's
 * agency in a claim (`OFFICER_AGENCY_CLAIM`, default `agency`). An officer acts only on dossiers of that
 * agency (the prefix of the dossier code).
 */
import type { FastifyRequest } from 'fastify';
import type { DossierStatusValue as RuntimeStatusValue } from 'dvc-forms/runtime/backend.js';
import type { Authenticator } from './auth.js';
import type { ServerConfig } from './config.js';
import { HttpProblem } from './problem.js';

/** Every dossier status (the `DossierStatusValue` enum of api/openapi.yaml). */
export const DOSSIER_STATUSES = [
  'submitted',
  'received',
  'supplement-requested',
  'processing',
  'result-ready',
  'completed',
  'rejected',
  'withdrawn',
] as const;

/** A dossier status. */
export type DossierStatusValue = (typeof DOSSIER_STATUSES)[number];

// The list must stay the runtime's (and the contract's) status type: a difference is a type error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStatuses: Same<DossierStatusValue, RuntimeStatusValue> = true;
void sameStatuses;

/**
 * The allowed status changes (Decree 61/2018/NĐ-CP as amended by Decree 107/2021: receive or ask once for
 * what is missing, process, hand over the result; refuse with a reason; the citizen may withdraw before the
 * result). `completed`, `rejected` and `withdrawn` are final.
 */
export const TRANSITIONS: Readonly<Record<DossierStatusValue, readonly DossierStatusValue[]>> = {
  submitted: ['received', 'supplement-requested', 'rejected', 'withdrawn'],
  received: ['processing', 'supplement-requested', 'rejected', 'withdrawn'],
  'supplement-requested': ['received', 'processing', 'rejected', 'withdrawn'],
  processing: ['supplement-requested', 'result-ready', 'rejected', 'withdrawn'],
  'result-ready': ['completed'],
  completed: [],
  rejected: [],
  withdrawn: [],
};

/** Statuses whose change must tell the citizen why (what to add; why refused), in a note. */
export const NOTE_REQUIRED: readonly DossierStatusValue[] = ['supplement-requested', 'rejected'];

/** True when `value` is a dossier status. */
export function isDossierStatus(value: unknown): value is DossierStatusValue {
  return typeof value === 'string' && (DOSSIER_STATUSES as readonly string[]).includes(value);
}

/** The statuses a dossier in `from` may move to. */
export function nextStatuses(from: string): readonly DossierStatusValue[] {
  return isDossierStatus(from) ? TRANSITIONS[from] : [];
}

/** An authenticated officer. */
export interface Officer {
  /** Token subject: the officer's id at the issuer (recorded in the history, never shown to the public). */
  sub: string;
  /** Agency code the officer works for. */
  agency: string;
}

/** The scopes of a token: `scope` (space-separated string) and `scp` (array or string). */
function scopesOf(claims: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const v of [claims.scope, claims.scp]) {
    if (typeof v === 'string') out.push(...v.split(/\s+/).filter(Boolean));
    else if (Array.isArray(v)) out.push(...v.filter((s): s is string => typeof s === 'string'));
  }
  return out;
}

const forbidden = (detail: string): HttpProblem => new HttpProblem(403, 'forbidden', detail);

/**
 * The officer of a request: 401 without a valid token; 403 when the token is valid but lacks the officer
 * scope or the agency claim (a citizen's token, for instance).
 */
export async function requireOfficer(
  req: FastifyRequest,
  auth: Authenticator,
  config: Pick<ServerConfig, 'officerScope' | 'officerAgencyClaim'>,
): Promise<Officer> {
  const caller = await auth.require(req);
  const claims = caller.claims as Record<string, unknown>;
  if (!scopesOf(claims).includes(config.officerScope)) {
    throw forbidden(`This needs an officer token: the token lacks the scope "${config.officerScope}".`);
  }
  const agency = claims[config.officerAgencyClaim];
  if (typeof agency !== 'string' || !/^[0-9A-Za-z.]{1,40}$/.test(agency)) {
    throw forbidden(`The officer token does not name the officer's agency in the "${config.officerAgencyClaim}" claim.`);
  }
  return { sub: caller.sub, agency };
}

/**
 * The officer a verified token stands for, or null when it lacks the officer scope or a well-formed
 * agency claim (a citizen's token). Never throws: for routes open to citizens and officers alike.
 */
export function officerOf(
  caller: { sub: string; claims: unknown },
  config: Pick<ServerConfig, 'officerScope' | 'officerAgencyClaim'>,
): Officer | null {
  const claims = (caller.claims ?? {}) as Record<string, unknown>;
  if (!scopesOf(claims).includes(config.officerScope)) return null;
  const agency = claims[config.officerAgencyClaim];
  if (typeof agency !== 'string' || !/^[0-9A-Za-z.]{1,40}$/.test(agency)) return null;
  return { sub: caller.sub, agency };
}

/** Throws 403 unless the officer works for `agency`. */
export function assertSameAgency(officer: Officer, agency: string, code: string): void {
  if (officer.agency !== agency) {
    throw forbidden(`Dossier ${code} is handled by agency ${agency}; this officer works for ${officer.agency}.`);
  }
}

/** A sample officer of the development identity issuer. */
export interface SampleOfficer {
  sub: string;
  name: string;
  /** Agency code; `null` = this back end's own agency (`AGENCY_CODE`). */
  agency: string | null;
  description: string;
}

/** Sample officers (demo and tests only): one of this back end's agency, one of another agency. */
export const SAMPLE_OFFICERS: readonly SampleOfficer[] = [
  {
    sub: 'dev-officer-001',
    name: 'Phạm Thu Hà',
    agency: null,
    description: 'Cán bộ Bộ phận một cửa của cơ quan này',
  },
  {
    sub: 'dev-officer-other',
    name: 'Đỗ Văn Nam',
    agency: '000.00.00.H29',
    description: 'Cán bộ của một cơ quan khác (không được xử lý hồ sơ của cơ quan này)',
  },
];

/** The sample officer with this subject, if any. */
export function findSampleOfficer(sub: string): SampleOfficer | undefined {
  return SAMPLE_OFFICERS.find((o) => o.sub === sub);
}
