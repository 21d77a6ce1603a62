import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { validData } from './fixtures/procedure.js';
import { call, freshPgSchema, submit, tempDirs } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Spawns `server/src/main.ts`; resolves with the child and its base URL once it logs that it is ready. */
function spawnServer(env: NodeJS.ProcessEnv, phase: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=dvc-source', '--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEV_IDP: '1', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${phase}: the server did not start within 120 s: ${stderr}`));
    }, 120_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { msg?: string; address?: string };
        if (msg.msg === 'dvc-forms server ready' && msg.address) {
          clearTimeout(timer);
          resolve({ child, url: msg.address });
        }
      } catch {
        /* not a log line */
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${phase}: the server exited with ${code}: ${stderr}`));
    });
  });
}

describe('server: crash safety', () => {
  it('every acknowledged dossier survives SIGKILL and restart on the same data', { timeout: 300_000 }, async () => {
    const dirs = await tempDirs();
    const pgSchema = await freshPgSchema();
    const env = {
      DATA_DIR: dirs.dataDir,
      PROCEDURES_DIR: dirs.proceduresDir,
      ...(pgSchema ? { DATABASE_URL: pgSchema.url } : { DATABASE_URL: '' }),
    };
    try {
      const first = await spawnServer(env, 'first start');
      const api = `${first.url}/api/v1`;
      const token = (await call(`${api}/dev-idp/token`, { body: { sub: 'dev-citizen-001' } })).body.access_token as string;
      const acknowledged: string[] = [];
      let stop = false;
      const worker = async (): Promise<void> => {
        while (!stop) {
          try {
            const r = await submit(api, validData(2), { token, key: randomUUID() });
            if (r.status === 201) acknowledged.push(r.body.code as string);
          } catch {
            return; // the connection died with the server
          }
        }
      };
      const workers = Array.from({ length: 4 }, worker);
      while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
      first.child.kill('SIGKILL'); // requests still in flight
      stop = true;
      await Promise.all(workers);
      await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode ? r(null) : first.child.once('exit', r)));
      assert.ok(acknowledged.length >= 40);

      const second = await spawnServer(env, 'restart after SIGKILL');
      try {
        const api2 = `${second.url}/api/v1`;
        for (const code of acknowledged) {
          const r = await call(`${api2}/dossiers/${code}`);
          assert.equal(r.status, 200, `acknowledged dossier ${code} is there after the crash`);
        }
        // New submissions continue the day's sequence without reusing a code.
        const next = await submit(api2, validData(2), {
          token: (await call(`${api2}/dev-idp/token`, { body: { sub: 'dev-citizen-001' } })).body.access_token,
        });
        assert.equal(next.status, 201);
        assert.ok(!acknowledged.includes(next.body.code));
      } finally {
        second.child.kill('SIGTERM');
        await new Promise((r) => second.child.once('exit', r));
      }
    } finally {
      await pgSchema?.drop();
      await rm(dirs.root, { recursive: true, force: true });
    }
  });
});
