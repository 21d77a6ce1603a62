/**
 * Server load benchmark (`npm run bench:server [-- --seconds 10 --concurrency 16 --pg-only]`). Not a test.
 *
 * Starts `server/main.ts` as a child process on loopback with a fresh data directory and the small test
 * procedure, fires valid submissions (each with its own Idempotency-Key) at a fixed concurrency for the
 * given duration, then stops the server and counts the dossiers in its database: the count must equal
 * the number of 201 answers. Runs on PGlite, then on PostgreSQL when DATABASE_URL is set (in a fresh
 * schema, dropped afterwards). Prints submissions/s and p50/p99 latency.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/open.js';
import { freshPgSchema } from '../tests/node/server/helpers.js';
import { validData, writeTestProcedure } from '../tests/node/server/fixtures/procedure.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '16' },
    'pg-only': { type: 'boolean', default: false },
    'pglite-only': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
if (!(SECONDS > 0) || !(CONCURRENCY > 0)) throw new Error('--seconds and --concurrency must be positive numbers');

function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEV_IDP: '1', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('dvc-forms server ready')) return;
      resolve({ child, url: (JSON.parse(line) as { address: string }).address });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(label: string, databaseUrl: string | undefined): Promise<boolean> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dvc-bench-'));
  const proceduresDir = path.join(root, 'procedures');
  const dataDir = path.join(root, 'data');
  await writeTestProcedure(proceduresDir);
  const env = { DATA_DIR: dataDir, PROCEDURES_DIR: proceduresDir, DATABASE_URL: databaseUrl ?? '', LOG_LEVEL: 'warn' };
  const { child, url } = await start({ ...env, LOG_LEVEL: 'info' });
  const api = `${url}/api/v1`;
  const tokenRes = await fetch(`${api}/dev-idp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'dev-citizen-001' }),
  });
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const body = JSON.stringify({
    procedure: 'test-permit',
    version: '1.2.0',
    data: validData(2),
    attachments: [{ attachmentId: 'id-card', documentId: 'doc-001-cccd' }],
  });
  const latencies: number[] = [];
  let acknowledged = 0;
  let lastAck = 0;
  const failures = new Map<string, number>();
  const deadline = performance.now() + SECONDS * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const r = await fetch(`${api}/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
        body,
      });
      const text = await r.text();
      const t1 = performance.now();
      if (r.status === 201) {
        acknowledged++;
        lastAck = t1;
        latencies.push(t1 - t0);
      } else {
        // A 503 "sequence-exhausted" is the code format's ceiling: XXXX allows 9,999 dossiers per agency a day.
        const kind = r.status === 503 && text.includes('sequence-exhausted') ? '503 sequence-exhausted' : String(r.status);
        failures.set(kind, (failures.get(kind) ?? 0) + 1);
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  // Throughput over the time dossiers were being acknowledged (the whole run unless the day's codes ran out).
  const ackSeconds = lastAck > t0 ? (lastAck - t0) / 1000 : elapsed;
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));

  const db = await openDatabase({ databaseUrl, dataDir });
  const n = Number((await db.query<{ n: unknown }>('SELECT count(*) AS n FROM dossiers')).rows[0].n);
  await db.close();
  await rm(root, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const unexpected = [...failures].filter(([kind]) => kind !== '503 sequence-exhausted');
  const ok = n === acknowledged && unexpected.length === 0;
  const failed = [...failures].map(([kind, count]) => `${count} × ${kind}`).join(', ') || 'none';
  console.log(
    `${label.padEnd(10)} ${SECONDS}s × ${CONCURRENCY}: ${(acknowledged / ackSeconds).toFixed(1)} submissions/s ` +
      `over ${ackSeconds.toFixed(1)} s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms ` +
      `(acknowledged requests), acknowledged ${acknowledged}, in database ${n} → ${n === acknowledged ? 'consistent' : 'MISMATCH'}; ` +
      `refused: ${failed}`,
  );
  return ok;
}

let allOk = true;
if (!values['pg-only']) allOk = (await run('PGlite', undefined)) && allOk;
if (!values['pglite-only']) {
  const schema = await freshPgSchema();
  if (schema) {
    try {
      allOk = (await run('PostgreSQL', schema.url)) && allOk;
    } finally {
      await schema.drop();
    }
  } else {
    console.log('PostgreSQL: skipped (set DATABASE_URL to run it)');
  }
}
process.exitCode = allOk ? 0 : 1;
