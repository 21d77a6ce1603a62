import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, newIdempotencyKey } from '../../../src/client/http-client.js';
import { newSessionSecret } from '../../../src/runtime/session-secret.js';
import { AuthError, ConflictError, OfflineError, ProblemError, ServerError, ValidationProblemError } from '../../../src/runtime/backend.js';

/** One request as the test server saw it. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the server does for the next request: answer, or drop the connection. */
type Plan = { status: number; body?: unknown; headers?: Record<string, string>; text?: string } | 'drop';

let server: http.Server;
let base: string;
let seen: Seen[] = [];
let plans: Plan[] = [];
const fallback: Plan = { status: 500, body: { type: 'about:blank', title: 'no plan', status: 500 } };

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      const plan = plans.shift() ?? fallback;
      if (plan === 'drop') {
        req.socket.destroy();
        return;
      }
      const isProblem = plan.status >= 400 && plan.body !== undefined;
      const headers: Record<string, string> = {
        ...(plan.text !== undefined
          ? { 'content-type': 'text/html' }
          : plan.body !== undefined
            ? { 'content-type': isProblem ? 'application/problem+json' : 'application/json' }
            : {}),
        ...plan.headers,
      };
      res.writeHead(plan.status, headers);
      res.end(plan.text ?? (plan.body !== undefined ? JSON.stringify(plan.body) : undefined));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

beforeEach(() => {
  seen = [];
  plans = [];
});

/** A client whose sleeps are recorded instead of waited. */
function makeClient(extra: { token?: string | null; retries?: number; random?: () => number } = {}) {
  const delays: number[] = [];
  const client = createHttpClient({
    baseUrl: base,
    tokenProvider: extra.token === undefined ? undefined : async () => extra.token ?? null,
    retry: {
      retries: extra.retries ?? 4,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: extra.random ?? (() => 0.999),
      sleep: async (ms) => {
        delays.push(ms);
      },
    },
  });
  return { client, delays };
}

const receipt = {
  code: '000.00.00.H30-251122-0001',
  appointmentDate: '2025-11-25',
  status: 'submitted',
  fee: { currency: 'VND', total: 10000, lines: [] },
  submittedAt: '2025-11-22T03:00:00Z',
};

const submission = {
  procedure: 'permanent-residence',
  version: '1.0.0',
  data: { applicant: { fullName: 'NGUYỄN THỊ LAN' } },
  attachments: [] as Array<{ attachmentId: string; uploadId: string }>,
};
const KEY = '6f1c1f8e-2f6b-4c51-9d3e-0a4f6b9c2d11';
type Client = ReturnType<typeof createHttpClient>;
const submit = (c: Client, key = KEY) =>
  c.submitDossierWithOutcome(submission.procedure, submission.version, submission.data, submission.attachments, key);

const unavailable: Plan = { status: 503, body: { type: 'about:blank', title: 'Service Unavailable', status: 503 } };

describe('createHttpClient: retries', () => {
  it('retries a GET after 503s with exponential, jittered backoff and returns the final answer', async () => {
    plans = [unavailable, unavailable, { status: 502, text: '<html>bad gateway</html>' }, { status: 200, body: [] }];
    const { client, delays } = makeClient();
    const procedures = await client.listProcedures();
    assert.deepEqual(procedures, []);
    assert.equal(seen.length, 4, 'three failures and one success');
    // random() ≈ 1 so each delay is just under base * 2^attempt, capped at maxDelayMs.
    assert.deepEqual(delays, [99, 199, 399]);
  });

  it('jitter draws each delay within [0, base * 2^attempt)', async () => {
    plans = [unavailable, unavailable, { status: 200, body: [] }];
    const { client, delays } = makeClient({ random: () => 0.25 });
    await client.listProcedures();
    assert.deepEqual(delays, [25, 50]);
  });

  it('caps the backoff at maxDelayMs', async () => {
    plans = [unavailable, unavailable, unavailable, unavailable, { status: 200, body: [] }];
    const { client, delays } = makeClient();
    await client.listProcedures();
    assert.deepEqual(delays, [99, 199, 399, 799]);
    plans = Array.from({ length: 6 }, () => unavailable);
    const c2 = makeClient({ retries: 5 });
    await assert.rejects(c2.client.listProcedures(), (e: unknown) => e instanceof ServerError && e.status === 503);
    assert.deepEqual(c2.delays, [99, 199, 399, 799, 999]);
  });

  it('honours Retry-After (seconds) on 429 and 503', async () => {
    plans = [
      { status: 429, body: { type: 'about:blank', title: 'Too Many Requests', status: 429 }, headers: { 'retry-after': '2' } },
      { status: 503, body: { type: 'about:blank', title: 'Service Unavailable', status: 503 }, headers: { 'retry-after': '1' } },
      { status: 200, body: [] },
    ];
    const { client, delays } = makeClient();
    await client.listProcedures();
    assert.deepEqual(delays, [2000, 1000]);
  });

  it('gives up with the last ProblemError once retries are spent', async () => {
    plans = [unavailable, unavailable, unavailable];
    const { client } = makeClient({ retries: 2 });
    await assert.rejects(client.listProcedures(), (e: unknown) => {
      assert.ok(e instanceof ServerError);
      assert.equal(e.status, 503);
      return true;
    });
    assert.equal(seen.length, 3);
  });

  it('retries POST /dossiers on dropped connections and 503 with the same Idempotency-Key and body', async () => {
    plans = ['drop', unavailable, 'drop', { status: 201, body: receipt }];
    const { client } = makeClient();
    const result = await submit(client);
    assert.equal(result.receipt.code, receipt.code);
    assert.equal(result.replayed, false);
    assert.equal(seen.length, 4);
    for (const s of seen) {
      assert.equal(s.method, 'POST');
      assert.equal(s.url, '/api/v1/dossiers');
      assert.equal(s.headers['idempotency-key'], KEY);
      assert.deepEqual(JSON.parse(s.body), submission);
    }
  });

  it('reports a 200 answer as a replay; submitDossier returns the receipt itself', async () => {
    plans = [unavailable, { status: 200, body: receipt }];
    const { client } = makeClient();
    const result = await submit(client);
    assert.equal(result.replayed, true);
    plans = [{ status: 201, body: receipt }];
    const r = await client.submitDossier('permanent-residence', '1.0.0', submission.data, [], KEY, 'en');
    assert.deepEqual(r, receipt);
    assert.deepEqual(JSON.parse(seen[2].body), { ...submission, locale: 'en' });
  });

  it('makes UUID v4 idempotency keys and refuses a missing one', async () => {
    assert.match(newIdempotencyKey(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(newIdempotencyKey(), newIdempotencyKey());
    const { client } = makeClient();
    await assert.rejects(submit(client, ''), /idempotencyKey/);
    assert.equal(seen.length, 0);
  });

  it('never retries a POST without an idempotency key (payment creation)', async () => {
    plans = [unavailable, { status: 201, body: {} }];
    const { client, delays } = makeClient();
    await assert.rejects(client.createPayment(receipt.code, 'vietqr'), (e: unknown) => e instanceof ServerError && e.status === 503);
    assert.equal(seen.length, 1);
    assert.deepEqual(delays, []);
  });

  it('retries the side-effect-free fee quote without leaking the internal marker header', async () => {
    plans = ['drop', { status: 200, body: { currency: 'VND', total: 0, lines: [] } }];
    const { client } = makeClient();
    const quote = await client.quoteFee('permanent-residence', { a: 1 });
    assert.equal(quote.total, 0);
    assert.equal(seen.length, 2);
    for (const s of seen) {
      assert.equal(s.headers['x-dvc-safe-to-retry'], undefined);
      assert.deepEqual(JSON.parse(s.body), { data: { a: 1 } });
    }
  });

  it('does not retry a 500 or a 4xx', async () => {
    plans = [{ status: 500, body: { type: 'about:blank', title: 'Internal Server Error', status: 500 } }];
    const { client } = makeClient();
    await assert.rejects(client.listProcedures(), (e: unknown) => e instanceof ServerError && e.status === 500);
    assert.equal(seen.length, 1);
  });
});

describe('createHttpClient: offline', () => {
  it('turns repeated network failures into OfflineError after the retries', async () => {
    plans = ['drop', 'drop', 'drop'];
    const { client, delays } = makeClient({ retries: 2 });
    await assert.rejects(client.getDossier(receipt.code), (e: unknown) => {
      assert.ok(e instanceof OfflineError, `expected OfflineError, got ${String(e)}`);
      assert.ok(e.cause instanceof TypeError, 'the fetch TypeError is kept as the cause');
      return true;
    });
    assert.equal(seen.length, 3);
    assert.equal(delays.length, 2);
  });

  it('fails a connection-refused call as OfflineError', async () => {
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const client = createHttpClient({
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      retry: { retries: 1, sleep: async () => undefined },
    });
    await assert.rejects(client.health(), OfflineError);
  });

  it('does not even try when navigator.onLine is false', async () => {
    const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true, writable: true });
    try {
      const { client } = makeClient();
      await assert.rejects(submit(client), (e: unknown) => e instanceof OfflineError && e.cause === undefined);
      assert.equal(seen.length, 0);
    } finally {
      if (had) Object.defineProperty(globalThis, 'navigator', had);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});

describe('createHttpClient: problem details', () => {
  it('maps a 422 problem to a ProblemError with field pointers relative to the dossier data', async () => {
    plans = [
      {
        status: 422,
        body: {
          type: 'https://dvc-forms.dev/problems/validation',
          title: 'Unprocessable Content',
          status: 422,
          detail: 'Hồ sơ có 2 lỗi.',
          errors: [
            { pointer: '/data/applicant/idNumber', keyword: 'pattern', message: 'Số định danh gồm 12 chữ số.' },
            { pointer: '/attachments/0', keyword: 'attachment', message: 'Tệp chưa tải lên xong.' },
          ],
        },
      },
    ];
    const { client } = makeClient();
    await assert.rejects(submit(client), (e: unknown) => {
      assert.ok(e instanceof ValidationProblemError, String(e));
      assert.equal(e.status, 422);
      assert.equal(e.detail, 'Hồ sơ có 2 lỗi.');
      assert.deepEqual(e.errors, [
        { pointer: '/data/applicant/idNumber', keyword: 'pattern', message: 'Số định danh gồm 12 chữ số.' },
        { pointer: '/attachments/0', keyword: 'attachment', message: 'Tệp chưa tải lên xong.' },
      ]);
      assert.deepEqual(
        e.dataErrors().map((d) => d.pointer),
        ['/applicant/idNumber'],
      );
      return true;
    });
    assert.equal(seen.length, 1, 'a 422 is not retried');
  });

  it('maps 409, 404, 413, 401 and a 422 without field errors to the typed errors', async () => {
    const p = (status: number, title: string): Plan => ({
      status,
      body: { type: `https://example.test/${status}`, title, status, detail: `d${status}` },
    });
    plans = [p(409, 'Conflict'), p(404, 'Not Found'), p(413, 'Content Too Large'), p(401, 'Unauthorized'), p(422, 'Bad')];
    const { client } = makeClient({ token: 'tok' });
    const catchIt = (x: Promise<unknown>) =>
      x.then(
        () => assert.fail('expected a rejection'),
        (e: unknown) => e as ProblemError,
      );
    const conflict = await catchIt(submit(client));
    assert.ok(conflict instanceof ConflictError);
    assert.equal(conflict.detail, 'd409');
    const missing = await catchIt(client.getDossier('X-000000-0000'));
    assert.ok(missing instanceof ProblemError && !(missing instanceof ServerError));
    assert.equal(missing.status, 404);
    assert.equal(missing.type, 'https://example.test/404');
    assert.equal((await catchIt(submit(client))).status, 413);
    assert.ok((await catchIt(client.getPrefill())) instanceof AuthError);
    const noFields = await catchIt(submit(client));
    assert.ok(!(noFields instanceof ValidationProblemError) && noFields.status === 422);
  });

  it('makes a ProblemError from a non-problem error body, keeping the status and text', async () => {
    plans = [{ status: 400, text: 'Bad things' }];
    const { client } = makeClient();
    await assert.rejects(client.getDossier('X-000000-0000'), (e: unknown) => {
      assert.ok(e instanceof ProblemError);
      assert.equal(e.status, 400);
      assert.equal(e.title, 'Bad Request');
      assert.equal(e.detail, 'Bad things');
      return true;
    });
  });

  it('throws ServerError when a 2xx lacks the JSON body the contract requires', async () => {
    plans = [{ status: 204 }];
    const { client } = makeClient();
    await assert.rejects(client.getDossier(receipt.code), (e: unknown) => e instanceof ServerError && /no JSON body/.test(e.message));
  });
});

describe('createHttpClient: requests', () => {
  it('sends the token from tokenProvider as a Bearer header, freshly on each attempt', async () => {
    let n = 0;
    const client = createHttpClient({
      baseUrl: base,
      tokenProvider: async () => `tok-${++n}`,
      retry: { sleep: async () => undefined },
    });
    plans = [unavailable, { status: 200, body: { 'citizen.fullName': 'NGUYỄN THỊ LAN' } }];
    const prefill = await client.getPrefill();
    assert.equal(prefill?.['citizen.fullName'], 'NGUYỄN THỊ LAN');
    assert.match(String(seen[0].headers.authorization), /^Bearer tok-\d+$/);
    assert.match(String(seen[1].headers.authorization), /^Bearer tok-\d+$/);
    assert.notEqual(seen[0].headers.authorization, seen[1].headers.authorization, 'asked again for the retry');
  });

  it('sends no Authorization header when the provider gives null; citizen calls then answer empty', async () => {
    plans = [{ status: 200, body: [] }];
    const { client } = makeClient({ token: null });
    await client.listProcedures();
    assert.equal(seen[0].headers.authorization, undefined);
    assert.equal(await client.getPrefill(), null);
    assert.deepEqual(await client.listDocuments(), []);
    assert.equal(await client.loadDraft('a-b'), null);
    assert.equal(seen.length, 1, 'no request was made for a signed-out citizen');
  });

  it('an anonymous filing sends its session secret (Dvc-Session) on submission, payments and downloads; after signing in, with the token', async () => {
    const secret = newSessionSecret();
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(newSessionSecret(), secret, 'one per filing');
    const payment = {
      id: 'pay-1',
      dossierCode: receipt.code,
      status: 'pending',
      amount: 10000,
      currency: 'VND',
      method: 'vietqr',
      createdAt: '2025-11-22T03:01:00Z',
    };
    let token: string | null = null;
    const client = createHttpClient({
      baseUrl: base,
      tokenProvider: async () => token,
      sessionProvider: () => secret,
      retry: { sleep: async () => undefined },
    });
    plans = [
      { status: 201, body: receipt },
      { status: 201, body: payment },
      { status: 200, body: payment },
      { status: 200, text: 'bytes' },
      { status: 200, body: [] },
    ];
    await submit(client);
    await client.createPayment(receipt.code, 'vietqr');
    await client.getPayment('pay-1');
    const blob = await client.downloadUpload('up-1');
    assert.equal(await blob.text(), 'bytes');
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.url}`),
      [
        'POST /api/v1/dossiers',
        `POST /api/v1/dossiers/${encodeURIComponent(receipt.code)}/payments`,
        'GET /api/v1/payments/pay-1',
        'GET /api/v1/uploads/up-1',
      ],
    );
    for (const r of seen) {
      assert.equal(r.headers['dvc-session'], secret, `${r.method} ${r.url} carries the session secret`);
      assert.equal(r.headers.authorization, undefined);
    }
    // Signed in half way: the token says who it is, and the filing's secret still goes along, so the
    // uploads made before signing in stay usable (the back end accepts either owner).
    seen = [];
    token = 'tok-1';
    await client.listProcedures();
    assert.equal(seen[0].headers.authorization, 'Bearer tok-1');
    assert.equal(seen[0].headers['dvc-session'], secret);
  });

  it('useSession() sets the session provider later (the shell gives it to a client it did not make)', async () => {
    const { client } = makeClient({ token: null });
    plans = [
      { status: 200, body: [] },
      { status: 200, body: [] },
    ];
    await client.listProcedures();
    assert.equal(seen[0].headers['dvc-session'], undefined);
    const secret = newSessionSecret();
    client.useSession(async () => secret);
    await client.listProcedures();
    assert.equal(seen[1].headers['dvc-session'], secret);
  });

  it('builds the contract paths and bodies', async () => {
    plans = [
      { status: 200, body: [] },
      { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404 } },
      { status: 200, body: { procedure: 'a-b', version: '1.0.0', data: {}, updatedAt: '2025-01-01T00:00:00Z' } },
      { status: 204 },
      { status: 204 },
      {
        status: 200,
        body: {
          id: 'p1',
          dossierCode: receipt.code,
          status: 'pending',
          amount: 1,
          currency: 'VND',
          method: 'counter',
          createdAt: receipt.submittedAt,
        },
      },
    ];
    const { client } = makeClient({ token: 't' });
    await client.listDocuments();
    assert.equal(await client.loadDraft('a-b'), null);
    await client.saveDraft('a-b', { version: '1.0.0', data: { x: 1 } });
    await client.deleteDraft('a-b');
    await client.removeUpload('abc123');
    await client.getPayment('p1');
    assert.deepEqual(
      seen.map((s) => `${s.method} ${s.url}`),
      [
        'GET /api/v1/me/documents',
        'GET /api/v1/drafts/a-b',
        'PUT /api/v1/drafts/a-b',
        'DELETE /api/v1/drafts/a-b',
        'DELETE /api/v1/uploads/abc123',
        'GET /api/v1/payments/p1',
      ],
    );
    assert.deepEqual(JSON.parse(seen[2].body), { version: '1.0.0', data: { x: 1 } });
    assert.equal(seen[4].headers['tus-resumable'], '1.0.0');
  });

  it('rejects an empty baseUrl with a clear error', () => {
    assert.throws(() => createHttpClient({ baseUrl: '' }), /baseUrl/);
  });
});
