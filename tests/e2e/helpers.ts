/**
 * What the end-to-end tests share: the strict CSP, headless Chromium (playwright-core, Debian's
 * /usr/bin/chromium or CHROMIUM_PATH), and the reference back end started in-process on a throwaway
 * data folder.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type DvcServer } from '../../server/src/app.js';
import { loadConfig, type ServerConfig } from '../../server/src/config.js';

/** The repository's root. */
export const root = fileURLToPath(new URL('../..', import.meta.url));
/** The build served under /dist/ (E2E_DIST_DIR overrides it, e.g. to try another build). */
export const distDir = path.resolve(root, process.env.E2E_DIST_DIR ?? 'dist');

/** The strictest policy a host page may set: no inline script or style, Trusted Types enforced. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "require-trusted-types-for 'script'; trusted-types lit-html";

/** A dossier code anywhere in a text. */
export const DOSSIER_CODE = /[0-9A-Z.]+-[0-9]{6}-[0-9]{4}/;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Fails with one sentence naming what to build when a file the test needs is missing. */
export function assertBuilt(files: ReadonlyArray<readonly [file: string, how: string]>): void {
  const missing = files.filter(([f]) => !existsSync(path.resolve(root, f)));
  assert.deepEqual(missing, [], `the test needs: ${missing.map(([f, how]) => `${f} (${how})`).join(', ')}`);
}

/** A reference back end listening on 127.0.0.1. */
export interface StartedServer {
  app: DvcServer;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

/**
 * Starts the reference back end in-process with `env` (as its environment variables would give it,
 * LOG_LEVEL=warn unless set) on a random port, its database and uploads in a fresh temporary folder.
 */
export async function startReferenceServer(env: Record<string, string>, overrides: Partial<ServerConfig> = {}): Promise<StartedServer> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'dvc-e2e-'));
  const app = await createServer({
    ...loadConfig({ LOG_LEVEL: 'warn', ...env }, root),
    port: 0,
    dataDir: path.join(tmp, 'data'),
    uploadsDir: path.join(tmp, 'data/uploads'),
    ...overrides,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  return {
    app,
    base: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
