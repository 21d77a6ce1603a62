/**
 * Test helpers: a fresh server on port 0 with a temp data directory and the compiled test procedure.
 * With DATABASE_URL set, each server gets its own PostgreSQL schema instead of PGlite.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createServer, type DvcServer, type ServerOptions } from '../../../server/src/app.js';
import { loadConfig, type ServerConfig } from '../../../server/src/config.js';
import { validData, writeTestProcedure } from './fixtures/procedure.js';

/** A running test server. */
export interface TestServer {
  app: DvcServer;
  url: string;
  api: string;
  dataDir: string;
  proceduresDir: string;
  databaseUrl?: string;
  /** Stops the server, drops its schema and removes its data directory. */
  stop(): Promise<void>;
}

/** A fresh PostgreSQL schema in DATABASE_URL's database; the URL that selects it and a drop function. */
export async function freshPgSchema(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const base = process.env.DATABASE_URL;
  if (!base) return undefined;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Makes a temp directory holding the compiled test procedure; returns [dataDir, proceduresDir]. */
export async function tempDirs(): Promise<{ dataDir: string; proceduresDir: string; root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dvc-server-test-'));
  const proceduresDir = path.join(root, 'procedures');
  await writeTestProcedure(proceduresDir);
  return { root, dataDir: path.join(root, 'data'), proceduresDir };
}

/** Starts a server with the test procedure, DEV_IDP on, on a free port. */
export async function startServer(
  overrides: Partial<ServerConfig> = {},
  env: NodeJS.ProcessEnv = {},
  options: ServerOptions = {},
): Promise<TestServer> {
  const dirs = await tempDirs();
  const pgSchema = await freshPgSchema();
  const config: ServerConfig = {
    ...loadConfig({ DEV_IDP: '1', LOG_LEVEL: 'warn', ...env }, dirs.root),
    port: 0,
    dataDir: dirs.dataDir,
    uploadsDir: path.join(dirs.dataDir, 'uploads'),
    proceduresDir: dirs.proceduresDir,
    databaseUrl: pgSchema?.url,
    ...overrides,
  };
  const app = await createServer(config, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    api: `${url}/api/v1`,
    dataDir: dirs.dataDir,
    proceduresDir: dirs.proceduresDir,
    databaseUrl: pgSchema?.url,
    async stop() {
      await app.close();
      await pgSchema?.drop();
      await rm(dirs.root, { recursive: true, force: true });
    },
  };
}

/** JSON request helper: returns status, headers and parsed body. */
export async function call(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Submits a dossier of the test procedure with an id-card document from the sample citizen's store. */
export async function submit(
  api: string,
  data: Record<string, unknown>,
  opts: { key?: string; token?: string; session?: string; attachments?: unknown[]; version?: string; procedure?: string } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  return call(`${api}/dossiers`, {
    body: {
      procedure: opts.procedure ?? 'test-permit',
      version: opts.version ?? '1.2.0',
      data,
      attachments: opts.attachments ?? [{ attachmentId: 'id-card', documentId: 'doc-001-cccd' }],
    },
    headers: {
      'idempotency-key': opts.key ?? randomUUID(),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.session ? { 'dvc-session': opts.session } : {}),
    },
  });
}

/** A development token for a sample citizen. */
export async function devToken(api: string, sub = 'dev-citizen-001'): Promise<string> {
  const r = await call(`${api}/dev-idp/token`, { body: { sub } });
  if (r.status !== 200) throw new Error(`dev token: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.access_token as string;
}

/** A temp directory holding one conformance-kit fixture of the test procedure (remove it when done). */
export async function conformanceFixtures(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dvc-fixtures-'));
  await writeFile(
    path.join(dir, 'test-permit.json'),
    JSON.stringify({
      procedure: 'test-permit',
      data: validData(1),
      attachments: [{ attachmentId: 'id-card', filename: 'cccd.pdf', filetype: 'application/pdf' }],
      invalid: { set: { '/copies': 99 }, expect: ['/data/copies'] },
    }),
  );
  return dir;
}
