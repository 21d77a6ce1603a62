/** Types of postgres.mjs (a throw-away PostgreSQL cluster for tests and the server bench). */

/** A running throw-away cluster. */
export interface ThrowawayPostgres {
  /** `postgres://` URL of the fresh database `dvc_test` (trust authentication on 127.0.0.1). */
  url: string;
  port: number;
  /** The cluster's temporary directory (data, socket, server.log). */
  dir: string;
  /** Stops the server and deletes the cluster. */
  stop(): void;
  /** Stops the server, keeping the cluster: `fast` is a clean shutdown, `immediate` is like a crash. */
  halt(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts a halted server again on the same port. */
  resume(): Promise<void>;
}

/** Starts a cluster; `durable` keeps fsync, synchronous_commit and full_page_writes on. */
export function startPostgres(options?: { log?: (line: string) => void; durable?: boolean }): Promise<ThrowawayPostgres>;
