/**
 * Server load benchmark. Not a test: it prints figures and exits non-zero only when data was lost or
 * a request failed for good; it never asserts timings.
 *
 *   npm run bench:server [-- options]
 *
 * Options:
 *   --seconds N         length of each load phase (default 60)
 *   --concurrency N     virtual citizens firing requests in parallel (default 16)
 *   --pglite-only       run on PGlite only
 *   --pg-only           run on PostgreSQL only (DATABASE_URL, or the throw-away cluster of --restart-db)
 *   --upload-share F    share of filings whose attachment is a fresh tus upload (default 0.5; the others
 *                       cite a document of the citizen's dev-directory wallet)
 *   --pay-share F       share of filings paid right after submission (default 0.5), alternately by VietQR
 *                       (payment + signed bank notification) and VNPay (payment + signed IPN)
 *   --upload-kb N       size of each uploaded PDF (default 64)
 *   --restart-db        instead of the runs above: start a throw-away PostgreSQL cluster (scripts/lib/
 *                       postgres.mjs, durable settings), run the mixed load on it and stop the cluster
 *                       mid-load, start it again, and check that no acknowledged dossier was lost
 *   --outage-seconds N  how long the cluster stays down with --restart-db (default 3)
 *   --restart-mode M    `immediate` (like a crash, the default) or `fast` (clean shutdown)
 *   --retry-for N       how long a client retries one request before giving up (default 60 s)
 *
 * Each run starts `server/src/main.ts` as a child process on loopback with a fresh data directory and the
 * small test procedure (tests/node/server/fixtures/procedure.ts). The clients act as the dev identity
 * issuer's sample citizens (`POST /api/v1/dev-idp/token`, `Authorization: Bearer`) for uploads,
 * submissions and payment creation, which is what the ownership rules of issue 7 ask for.
 *
 * Phases of a normal run: (1) submissions only, each with its own Idempotency-Key: the baseline; (2) the
 * mixed load: tus upload (POST + PATCH) → submission citing it → payment (VietQR + bank notification
 * signed with VIETQR_NOTIFY_SECRET, or VNPay + IPN signed with VNPAY_SECURE_SECRET). Figures: submissions/s
 * and filings/s, p50/p99 latency per operation, the mixed/baseline throughput ratio (same run, same
 * server). With --restart-db the mixed load runs once; the cluster is stopped at a third of it.
 *
 * Every client retries a failed request (network error, 5xx, VNPay RspCode 99, 409 "in progress") with
 * the same Idempotency-Key and the same body, backing off 50 ms → 1 s, for at most --retry-for seconds;
 * retries and final errors are counted, those during the outage separately. After the load the server is
 * stopped and the database read directly: every acknowledged dossier (201, or 200 replay of a retried
 * key) must be there with the data and attachments sent, and every confirmed payment must be `paid`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/src/db/open.js';
import { signNotification } from '../server/src/payments/vietqr.js';
import { startPostgres, type ThrowawayPostgres } from '../scripts/lib/postgres.mjs';
import { freshPgSchema } from '../tests/node/server/helpers.js';
import { SLUG, VERSION, validData, writeTestProcedure } from '../tests/node/server/fixtures/procedure.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '16' },
    'pg-only': { type: 'boolean', default: false },
    'pglite-only': { type: 'boolean', default: false },
    'upload-share': { type: 'string', default: '0.5' },
    'pay-share': { type: 'string', default: '0.5' },
    'upload-kb': { type: 'string', default: '64' },
    'restart-db': { type: 'boolean', default: false },
    'outage-seconds': { type: 'string', default: '3' },
    'restart-mode': { type: 'string', default: 'immediate' },
    'retry-for': { type: 'string', default: '60' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const UPLOAD_SHARE = Number(values['upload-share']);
const PAY_SHARE = Number(values['pay-share']);
const UPLOAD_BYTES = Number(values['upload-kb']) * 1024;
const OUTAGE_SECONDS = Number(values['outage-seconds']);
const RESTART_MODE = values['restart-mode'];
const RETRY_FOR_MS = Number(values['retry-for']) * 1000;
if (!(SECONDS > 0) || !(CONCURRENCY > 0)) throw new Error('--seconds and --concurrency must be positive numbers');
if (!(UPLOAD_SHARE >= 0 && UPLOAD_SHARE <= 1) || !(PAY_SHARE >= 0 && PAY_SHARE <= 1))
  throw new Error('--upload-share and --pay-share must be between 0 and 1');
if (!(UPLOAD_BYTES > 0) || UPLOAD_BYTES > 1024 * 1024)
  throw new Error('--upload-kb must be between 1 and 1024 (the test procedure accepts 1 MB)');
if (RESTART_MODE !== 'immediate' && RESTART_MODE !== 'fast') throw new Error('--restart-mode must be immediate or fast');
if (!(OUTAGE_SECONDS >= 0) || !(RETRY_FOR_MS > 0)) throw new Error('--outage-seconds and --retry-for must be positive numbers');

/** Secrets the bench gives the server, so it can sign the bank notification and the VNPay IPN. */
const NOTIFY_SECRET = `bench-notify-${randomBytes(8).toString('hex')}`;
const VNP_SECRET = `bench-vnpay-${randomBytes(8).toString('hex')}`;
const VNP_TMN = 'BENCHTMN';
/** Sample citizens of the dev identity issuer and a CCCD document each holds in the dev directory. */
const CITIZENS = [
  { sub: 'dev-citizen-001', document: 'doc-001-cccd' },
  { sub: 'dev-citizen-002', document: 'doc-002-cccd' },
  { sub: 'dev-citizen-003', document: 'doc-003-cccd' },
];

function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=dvc-source', '--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DEV_IDP: '1',
        VIETQR_NOTIFY_SECRET: NOTIFY_SECRET,
        VIETQR_BANK_BIN: '970436',
        VIETQR_ACCOUNT_NUMBER: '0011001234567',
        VNPAY_SECURE_SECRET: VNP_SECRET,
        VNPAY_TMN_CODE: VNP_TMN,
        VNPAY_RETURN_URL: 'http://127.0.0.1/api/v1/payments/vnpay/return',
        // Every bench client is one IP: the per-client limit of upload creations would throttle the load.
        UPLOAD_RATE_LIMIT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let ready = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (ready || !line.includes('dvc-forms server ready')) return;
      ready = true;
      resolve({ child, url: (JSON.parse(line) as { address: string }).address });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Signs a VNPay callback query as VNPay does: HMAC-SHA512 over the sorted, URL-encoded parameters. */
function signVnp(params: Record<string, string>): string {
  const sorted = new URLSearchParams(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  sorted.set('vnp_SecureHash', createHmac('sha512', VNP_SECRET).update(sorted.toString()).digest('hex'));
  return sorted.toString();
}

type Op = 'submit' | 'upload' | 'pay-vietqr' | 'pay-vnpay';

/** What one load phase measured. */
class Stats {
  readonly latencies = new Map<Op, number[]>();
  readonly retries = new Map<string, number>();
  readonly errors = new Map<string, number>();
  /** Retries whose request failed while the database was down or coming back. */
  outageRetries = 0;
  /** Acknowledged dossiers: code → what was sent. */
  readonly receipts = new Map<string, { data: unknown; attachments: unknown; replayed: boolean }>();
  /** Payments confirmed by the bank notification / IPN: id → dossier code. */
  readonly paid = new Map<string, string>();
  /** Submission acknowledgement times (ms since the phase start). */
  readonly ackTimes: number[] = [];
  filings = 0;
  /** Set while the database is down (and until the first acknowledgement after it is back). */
  outage: { from: number; back?: number; recovered?: number } | undefined;

  add(op: Op, ms: number): void {
    const list = this.latencies.get(op) ?? [];
    list.push(ms);
    this.latencies.set(op, list);
  }
  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

/** One try of a request: `done` with the value when it is final, or why it should be tried again. */
type Attempt<T> = () => Promise<{ done: true; value: T } | { done: false; why: string }>;

class GaveUp extends Error {}

/**
 * Runs `attempt` until it is final, retrying (same request: same Idempotency-Key, same body) with
 * backoff for at most RETRY_FOR_MS. Network errors count as a retry reason.
 */
async function withRetry<T>(stats: Stats, what: string, attempt: Attempt<T>): Promise<T> {
  const started = performance.now();
  let delay = 50;
  for (;;) {
    let why: string;
    try {
      const r = await attempt();
      if (r.done) return r.value;
      why = r.why;
    } catch (err) {
      if (err instanceof GaveUp) {
        stats.count(stats.errors, err.message);
        throw err;
      }
      const e = err as Error & { cause?: { code?: string } };
      why = e.cause?.code ?? `${e.name}: ${e.message}`;
    }
    if (performance.now() - started > RETRY_FOR_MS) {
      stats.count(stats.errors, `${what}: ${why}`);
      throw new GaveUp(`${what}: ${why}`);
    }
    stats.count(stats.retries, `${what}: ${why}`);
    if (stats.outage && stats.outage.recovered === undefined) stats.outageRetries++;
    await sleep(delay);
    delay = Math.min(1000, delay * 2);
  }
}

/** A retryable status: the server or its database is in trouble, or the same key is still being handled. */
const retryable = (status: number, text: string): boolean =>
  (status >= 500 && !text.includes('sequence-exhausted')) || (status === 409 && text.includes('in progress'));

interface Client {
  token: string;
  document: string;
}

async function uploadPdf(base: string, client: Client, stats: Stats): Promise<string> {
  const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(UPLOAD_BYTES - 9)]);
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const meta = { filename: 'cccd.pdf', filetype: 'application/pdf', procedure: SLUG, attachmentId: 'id-card' };
  const auth = { authorization: `Bearer ${client.token}`, 'tus-resumable': '1.0.0' };
  const location = await withRetry(stats, 'upload create', async () => {
    const r = await fetch(`${base}/api/v1/uploads`, {
      method: 'POST',
      headers: {
        ...auth,
        'upload-length': String(file.length),
        'upload-metadata': Object.entries(meta)
          .map(([k, v]) => `${k} ${b64(v)}`)
          .join(','),
      },
    });
    const text = await r.text();
    if (r.status === 201) return { done: true, value: new URL(r.headers.get('location') ?? '', base).toString() };
    if (retryable(r.status, text)) return { done: false, why: String(r.status) };
    throw new GaveUp(`upload create: ${r.status} ${text.slice(0, 200)}`);
  });
  // PATCH the bytes; after a failure ask the server how much it has (HEAD) and send the rest.
  let offset = 0;
  await withRetry(stats, 'upload patch', async () => {
    if (offset < 0) {
      const h = await fetch(location, { method: 'HEAD', headers: auth });
      if (h.status !== 200) return { done: false, why: `HEAD ${h.status}` };
      offset = Number(h.headers.get('upload-offset'));
    }
    if (offset === file.length) return { done: true, value: undefined };
    const at = offset;
    offset = -1; // unknown until this PATCH answers
    const r = await fetch(location, {
      method: 'PATCH',
      headers: { ...auth, 'upload-offset': String(at), 'content-type': 'application/offset+octet-stream' },
      body: file.subarray(at),
    });
    const text = await r.text();
    if (r.status === 204) {
      offset = Number(r.headers.get('upload-offset'));
      return offset === file.length ? { done: true, value: undefined } : { done: false, why: 'short PATCH' };
    }
    if (retryable(r.status, text) || r.status === 409) return { done: false, why: String(r.status) };
    throw new GaveUp(`upload patch: ${r.status} ${text.slice(0, 200)}`);
  });
  return location.split('/').pop() as string;
}

/** Submits one dossier; resolves its code (from a 201, or the 200 replay of a retried key). */
async function submitDossier(api: string, client: Client, attachments: unknown[], stats: Stats, t0: number): Promise<string | undefined> {
  const data = { ...validData(1 + Math.floor(Math.random() * 2)), student: Math.random() < 0.3 };
  const key = randomUUID();
  const body = JSON.stringify({ procedure: SLUG, version: VERSION, data, attachments });
  let attempts = 0;
  return withRetry(stats, 'submit', async () => {
    attempts++;
    const r = await fetch(`${api}/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}`, 'idempotency-key': key },
      body,
    });
    const text = await r.text();
    if (r.status === 201 || (r.status === 200 && attempts > 1)) {
      const code = (JSON.parse(text) as { code: string }).code;
      stats.receipts.set(code, { data, attachments, replayed: r.status === 200 });
      stats.ackTimes.push(performance.now() - t0);
      if (stats.outage?.back !== undefined && stats.outage.recovered === undefined) stats.outage.recovered = performance.now() - t0;
      return { done: true, value: code };
    }
    if (r.status === 503 && text.includes('sequence-exhausted')) {
      stats.count(stats.errors, "submit: 503 sequence-exhausted (the day's 9,999 codes are used)");
      return { done: true, value: undefined };
    }
    if (retryable(r.status, text)) return { done: false, why: String(r.status) };
    throw new GaveUp(`submit: ${r.status} ${text.slice(0, 300)}`);
  });
}

/** Creates a payment and confirms it as the bank (VietQR notification) or VNPay (IPN) would. */
async function pay(api: string, client: Client, code: string, method: 'vietqr' | 'vnpay', stats: Stats): Promise<void> {
  const payment = await withRetry(stats, `pay ${method}`, async () => {
    const r = await fetch(`${api}/dossiers/${code}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
      body: JSON.stringify({ method }),
    });
    const text = await r.text();
    if (r.status === 201 || r.status === 200) return { done: true, value: JSON.parse(text) as { id: string; amount: number } };
    if (retryable(r.status, text)) return { done: false, why: String(r.status) };
    throw new GaveUp(`pay ${method}: ${r.status} ${text.slice(0, 300)}`);
  });
  if (method === 'vietqr') {
    const body = JSON.stringify({
      transactionId: `FT${randomBytes(6).toString('hex')}`,
      amount: payment.amount,
      purpose: `${code} ${payment.id}`,
      paidAt: new Date().toISOString(),
    });
    await withRetry(stats, 'bank notification', async () => {
      const r = await fetch(`${api}/payments/vietqr/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signNotification(NOTIFY_SECRET, body) },
        body,
      });
      const text = await r.text();
      if (r.status === 204) return { done: true, value: undefined };
      if (retryable(r.status, text)) return { done: false, why: String(r.status) };
      throw new GaveUp(`bank notification: ${r.status} ${text.slice(0, 300)}`);
    });
  } else {
    const query = signVnp({
      vnp_Amount: String(payment.amount * 100),
      vnp_BankCode: 'NCB',
      vnp_OrderInfo: `Thanh toan phi ho so ${code}`,
      vnp_PayDate: '20261203103000',
      vnp_ResponseCode: '00',
      vnp_TmnCode: VNP_TMN,
      vnp_TransactionNo: String(10_000_000 + Math.floor(Math.random() * 80_000_000)),
      vnp_TransactionStatus: '00',
      vnp_TxnRef: payment.id,
    });
    let attempts = 0;
    await withRetry(stats, 'VNPay IPN', async () => {
      attempts++;
      const r = await fetch(`${api}/payments/vnpay/ipn?${query}`);
      const text = await r.text();
      const rsp = r.status === 200 ? (JSON.parse(text) as { RspCode: string }).RspCode : undefined;
      // 00 confirmed; 02 "already confirmed" is the answer to a retry whose first try got through.
      if (rsp === '00' || (rsp === '02' && attempts > 1)) return { done: true, value: undefined };
      if (rsp === '99' || retryable(r.status, text)) return { done: false, why: rsp ? `RspCode ${rsp}` : String(r.status) };
      throw new GaveUp(`VNPay IPN: ${r.status} ${text.slice(0, 300)}`);
    });
  }
  stats.paid.set(payment.id, code);
}

/** Fires load for `seconds`: submissions only, or whole filings (upload → submission → payment). */
async function load(
  api: string,
  base: string,
  clients: Client[],
  mixed: boolean,
  seconds: number,
  stats: Stats,
  during?: (t0: number) => Promise<void>,
): Promise<number> {
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let payToggle = 0;
  const worker = async (i: number): Promise<void> => {
    const client = clients[i % clients.length];
    while (performance.now() < deadline) {
      try {
        let attachments: unknown[] = [{ attachmentId: 'id-card', documentId: client.document }];
        if (mixed && Math.random() < UPLOAD_SHARE) {
          const u0 = performance.now();
          const uploadId = await uploadPdf(base, client, stats);
          stats.add('upload', performance.now() - u0);
          attachments = [{ attachmentId: 'id-card', uploadId }];
        }
        const s0 = performance.now();
        const code = await submitDossier(api, client, attachments, stats, t0);
        if (code === undefined) break; // no codes left today
        stats.add('submit', performance.now() - s0);
        if (mixed && Math.random() < PAY_SHARE) {
          const method = payToggle++ % 2 === 0 ? 'vietqr' : 'vnpay';
          const p0 = performance.now();
          await pay(api, client, code, method, stats);
          stats.add(method === 'vietqr' ? 'pay-vietqr' : 'pay-vnpay', performance.now() - p0);
        }
        stats.filings++;
      } catch (err) {
        if (!(err instanceof GaveUp)) stats.count(stats.errors, `client: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all([...Array.from({ length: CONCURRENCY }, (_, i) => worker(i)), during?.(t0)]);
  return (performance.now() - t0) / 1000;
}

/** Reads the database after the run: every acknowledged dossier present with its data, every confirmed payment paid. */
async function verify(
  databaseUrl: string | undefined,
  dataDir: string,
  stats: Stats[],
): Promise<{ dossiers: number; lost: string[]; changed: string[]; unpaid: string[] }> {
  const db = await openDatabase({ databaseUrl, dataDir });
  try {
    const rows = (await db.query<{ code: string; data: unknown; attachments: unknown }>('SELECT code, data, attachments FROM dossiers'))
      .rows;
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const parse = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
    const canon = (v: unknown): string =>
      JSON.stringify(v, (_k, x: unknown) =>
        x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x,
      );
    const lost: string[] = [];
    const changed: string[] = [];
    for (const s of stats) {
      for (const [code, sent] of s.receipts) {
        const row = byCode.get(code);
        if (!row) lost.push(code);
        else if (canon(parse(row.data)) !== canon(sent.data) || canon(parse(row.attachments)) !== canon(sent.attachments))
          changed.push(code);
      }
    }
    const ids = stats.flatMap((s) => [...s.paid.keys()]);
    const paidRows =
      ids.length === 0
        ? []
        : (await db.query<{ id: string; status: string }>(`SELECT id, status FROM payments WHERE status = 'paid'`)).rows;
    const paidIds = new Set(paidRows.map((r) => r.id));
    return { dossiers: rows.length, lost, changed, unpaid: ids.filter((id) => !paidIds.has(id)) };
  } finally {
    await db.close();
  }
}

function fmtMap(m: Map<string, number>): string {
  return (
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${n} × ${k}`)
      .join(', ') || 'none'
  );
}

function report(label: string, phase: string, stats: Stats, elapsed: number): number {
  const subs = stats.latencies.get('submit') ?? [];
  const rate = subs.length / elapsed;
  const ops = (['submit', 'upload', 'pay-vietqr', 'pay-vnpay'] as Op[])
    .filter((op) => (stats.latencies.get(op) ?? []).length > 0)
    .map((op) => {
      const l = (stats.latencies.get(op) ?? []).slice().sort((a, b) => a - b);
      return `${op} ${l.length} (p50 ${percentile(l, 50).toFixed(1)} ms, p99 ${percentile(l, 99).toFixed(1)} ms)`;
    });
  console.log(
    `${label.padEnd(10)} ${phase}: ${elapsed.toFixed(1)} s × ${CONCURRENCY}: ${rate.toFixed(1)} submissions/s, ${(stats.filings / elapsed).toFixed(1)} filings/s; ${ops.join('; ')}`,
  );
  console.log(`${''.padEnd(10)} retries: ${fmtMap(stats.retries)}; gave up: ${fmtMap(stats.errors)}`);
  return rate;
}

async function tokens(api: string): Promise<Client[]> {
  return Promise.all(
    CITIZENS.map(async (c) => {
      const r = await fetch(`${api}/dev-idp/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: c.sub }),
      });
      if (r.status !== 200) throw new Error(`dev-idp token for ${c.sub}: ${r.status} ${await r.text()}`);
      return { token: ((await r.json()) as { access_token: string }).access_token, document: c.document };
    }),
  );
}

/** Notes when the server process ends before the bench stops it (a crash under load). */
function watchCrash(child: ChildProcess): () => string | undefined {
  let crashed: string | undefined;
  const onExit = (code: number | null, signal: string | null): void => {
    crashed = `the server process exited during the load (exit code ${code}, signal ${signal})`;
    console.log(`           ${crashed}`);
  };
  child.once('exit', onExit);
  return () => {
    child.off('exit', onExit);
    return crashed;
  };
}

async function stopServer(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
}

/** A normal run: the submissions-only baseline, then the mixed load, on one server. */
async function run(label: string, databaseUrl: string | undefined): Promise<boolean> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dvc-bench-'));
  const proceduresDir = path.join(root, 'procedures');
  const dataDir = path.join(root, 'data');
  await writeTestProcedure(proceduresDir);
  const { child, url } = await start({
    DATA_DIR: dataDir,
    PROCEDURES_DIR: proceduresDir,
    DATABASE_URL: databaseUrl ?? '',
    LOG_LEVEL: 'info',
  });
  const api = `${url}/api/v1`;
  const clients = await tokens(api);
  const crashed = watchCrash(child);
  const baseline = new Stats();
  const mixed = new Stats();
  const baseRate = report(label, 'submissions only (baseline)', baseline, await load(api, url, clients, false, SECONDS, baseline));
  const mixedElapsed = await load(api, url, clients, true, SECONDS, mixed);
  const mixedRate = report(label, `mixed (uploads ${UPLOAD_SHARE}, payments ${PAY_SHARE})`, mixed, mixedElapsed);
  const crash = crashed();
  await stopServer(child);
  const v = await verify(databaseUrl, dataDir, [baseline, mixed]);
  await rm(root, { recursive: true, force: true });
  const acknowledged = baseline.receipts.size + mixed.receipts.size;
  const failures = [...baseline.errors, ...mixed.errors].filter(([k]) => !k.includes('sequence-exhausted'));
  const ok =
    !crash &&
    v.lost.length === 0 &&
    v.changed.length === 0 &&
    v.unpaid.length === 0 &&
    failures.length === 0 &&
    v.dossiers === acknowledged;
  console.log(
    `${''.padEnd(10)} mixed/baseline submissions/s: ${(mixedRate / baseRate).toFixed(2)}; acknowledged ${acknowledged}, in database ${v.dossiers}, ` +
      `lost ${v.lost.length}, data differing ${v.changed.length}; payments confirmed ${mixed.paid.size}, not paid in database ${v.unpaid.length} → ${ok ? 'consistent' : 'MISMATCH'}`,
  );
  return ok;
}

/** The restart run: mixed load on a throw-away cluster that is stopped and started mid-load. */
async function restartRun(): Promise<boolean> {
  const pg: ThrowawayPostgres = await startPostgres({ durable: true });
  const root = await mkdtemp(path.join(os.tmpdir(), 'dvc-bench-'));
  const proceduresDir = path.join(root, 'procedures');
  const dataDir = path.join(root, 'data');
  try {
    await writeTestProcedure(proceduresDir);
    const { child, url } = await start({ DATA_DIR: dataDir, PROCEDURES_DIR: proceduresDir, DATABASE_URL: pg.url, LOG_LEVEL: 'info' });
    const api = `${url}/api/v1`;
    const clients = await tokens(api);
    const crashed = watchCrash(child);
    const stats = new Stats();
    const timeline: string[] = [];
    const elapsed = await load(api, url, clients, true, SECONDS, stats, async (t0) => {
      await sleep((SECONDS * 1000) / 3);
      const at = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
      stats.outage = { from: performance.now() - t0 };
      timeline.push(`stop (${RESTART_MODE}) at ${at()}`);
      await pg.halt(RESTART_MODE as 'fast' | 'immediate');
      timeline.push(`stopped at ${at()}`);
      await sleep(OUTAGE_SECONDS * 1000);
      timeline.push(`start at ${at()}`);
      await pg.resume();
      stats.outage.back = performance.now() - t0;
      timeline.push(`accepting connections at ${at()}`);
    });
    const crash = crashed();
    await stopServer(child);
    const v = await verify(pg.url, dataDir, [stats]);
    const o = stats.outage;
    const acks = stats.ackTimes;
    const rateIn = (from: number, to: number): number => acks.filter((t) => t >= from && t < to).length / ((to - from) / 1000);
    const before = o ? rateIn(0, o.from) : NaN;
    const after = o?.recovered !== undefined ? rateIn(o.recovered, elapsed * 1000) : NaN;
    report('PostgreSQL', `mixed load with a database restart`, stats, elapsed);
    console.log(
      `${''.padEnd(10)} restart: ${timeline.join(', ')}; first receipt after it at ${o?.recovered !== undefined ? (o.recovered / 1000).toFixed(1) + ' s' : 'never'}`,
    );
    console.log(
      `${''.padEnd(10)} retries while the database was down or coming back: ${stats.outageRetries}; submissions/s before ${before.toFixed(1)}, after recovery ${after.toFixed(1)} (ratio ${(after / before).toFixed(2)})`,
    );
    const replayed = [...stats.receipts.values()].filter((r) => r.replayed).length;
    const failures = [...stats.errors].filter(([k]) => !k.includes('sequence-exhausted'));
    const ok =
      !crash &&
      v.lost.length === 0 &&
      v.changed.length === 0 &&
      v.unpaid.length === 0 &&
      failures.length === 0 &&
      v.dossiers === stats.receipts.size;
    console.log(
      `${''.padEnd(10)} acknowledged ${stats.receipts.size} (${replayed} by the 200 replay of a retried Idempotency-Key), in database ${v.dossiers}, ` +
        `lost ${v.lost.length}${v.lost.length ? ` (${v.lost.slice(0, 5).join(', ')})` : ''}, data differing ${v.changed.length}; ` +
        `payments confirmed ${stats.paid.size}, not paid in database ${v.unpaid.length} → ${ok ? 'consistent' : 'MISMATCH'}`,
    );
    return ok;
  } finally {
    await rm(root, { recursive: true, force: true });
    pg.stop();
  }
}

let allOk = true;
if (values['restart-db']) {
  allOk = await restartRun();
} else {
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
      console.log('PostgreSQL: skipped (set DATABASE_URL to run it, or use --restart-db for a throw-away cluster)');
    }
  }
}
process.exitCode = allOk ? 0 : 1;
