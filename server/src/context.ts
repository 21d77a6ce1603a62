/** What the route plugins share. */
import type { DevIssuerKeys, Authenticator } from './auth.js';
import type { WorkingCalendar } from './calendar.js';
import type { CitizenDocument, PrefillValue } from './citizens.js';
import type { ServerConfig } from './config.js';
import type { Db } from './db/db.js';
import type { ProcedureRegistry } from './procedures.js';

/**
 * Where the citizen's record and reusable documents come from: the population database and document
 * store connectors of a real deployment, or the sample citizens of the development issuer.
 */
export interface CitizenDirectory {
  /** The prefill record of `sub` (keys the directory does not hold are absent). */
  prefill(sub: string): Promise<Record<string, PrefillValue>>;
  /** The reusable digitised documents of `sub`. */
  documents(sub: string): Promise<CitizenDocument[]>;
}

/** A directory that holds nothing (no connector configured). */
export const EMPTY_DIRECTORY: CitizenDirectory = {
  prefill: async () => ({}),
  documents: async () => [],
};

/** Shared state of one server instance. */
export interface AppContext {
  config: ServerConfig;
  db: Db;
  procedures: ProcedureRegistry;
  auth: Authenticator;
  dev?: DevIssuerKeys;
  directory: CitizenDirectory;
  calendar: WorkingCalendar;
  now: () => Date;
}
