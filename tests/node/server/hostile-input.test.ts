/**
 * Hostile bodies on every JSON route (issue 7): NUL characters and lone surrogates, 6,000-level (and
 * deeper) nesting, wrongly typed values, prototype-polluting keys, oversized and broken bodies. Each
 * answer is a 4xx problem document (never a 500), and the server keeps answering after each one.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set (see helpers.ts).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { signNotification } from '../../../server/src/payments/vietqr.js';
import { validData } from './fixtures/procedure.js';
import { devToken, startServer, submit, type TestServer } from './helpers.js';

interface Route {
  name: string;
  method: string;
  path: (code: string) => string;
  /** A valid body of the route (before the hostile change). */
  body: () => Record<string, unknown>;
  /** Pointer of one string field of `body()`, for NUL / surrogate rows. */
  stringAt: string[];
  /** A string field whose type the route checks (a draft's data may hold anything: it is work in progress). */
  typedAt?: string[];
  headers: (raw: string) => Record<string, string>;
}

interface Row {
  name: string;
  /** The raw body text sent, made from the route's valid body. */
  raw: (r: Route) => string;
  /** Expected status (or any 4xx when absent). */
  status?: number;
  /** Expected pointer among `errors` (for character rows). */
  pointer?: (r: Route) => string;
  /** Expected type slug. */
  type?: string;
  /** Routes for which the change is valid (e.g. an object where the route takes an object). */
  except?: string[];
}

function setAt(obj: Record<string, unknown>, at: string[], value: unknown): Record<string, unknown> {
  let o = obj as Record<string, unknown>;
  for (const k of at.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[at.at(-1)!] = value;
  return obj;
}
const nested = (depth: number, open = '[', close = ']'): string => `${open.repeat(depth)}${close.repeat(depth)}`;
const deepObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** A valid body with one raw JSON fragment in place of the route's string field. */
const withRaw = (r: Route, fragment: string, at = r.stringAt): string => {
  const marker = `__HOSTILE_${randomUUID()}__`;
  return JSON.stringify(setAt(r.body(), at, marker)).replace(`"${marker}"`, fragment);
};
/** The same in place of a field whose type the route checks. */
const typed = (r: Route, fragment: string): string => withRaw(r, fragment, r.typedAt ?? r.stringAt);
const withExtra = (r: Route, key: string, fragment: string): string => {
  const text = JSON.stringify(r.body());
  return `{${JSON.stringify(key)}:${fragment},${text.slice(1)}`;
};

const ROWS: Row[] = [
  {
    name: 'NUL in a string',
    raw: (r) => withRaw(r, '"Nguy\\u0000ễn"'),
    status: 422,
    type: 'validation',
    pointer: (r) => `/${r.stringAt.join('/')}`,
  },
  {
    name: 'raw NUL byte escaped at the end',
    raw: (r) => withRaw(r, '"Bình\\u0000"'),
    status: 422,
    pointer: (r) => `/${r.stringAt.join('/')}`,
  },
  { name: 'lone high surrogate', raw: (r) => withRaw(r, '"An \\ud800 Bình"'), status: 422, pointer: (r) => `/${r.stringAt.join('/')}` },
  { name: 'lone low surrogate', raw: (r) => withRaw(r, '"\\udc00"'), status: 422, pointer: (r) => `/${r.stringAt.join('/')}` },
  { name: 'NUL in a property name', raw: (r) => withExtra(r, 'a\u0000b', '1'), status: 422, pointer: () => '/a\u0000b' },
  { name: '6,000-level array nesting', raw: (r) => withExtra(r, 'deep', nested(6000)), status: 400, type: 'too-deep' },
  { name: '6,000-level object nesting', raw: (r) => withExtra(r, 'deep', deepObject(6000)), status: 400, type: 'too-deep' },
  { name: '6,000-level nesting in place of a string', raw: (r) => withRaw(r, nested(6000)), status: 400, type: 'too-deep' },
  { name: '450,000-level nesting (within the body limit)', raw: () => nested(450_000), status: 400, type: 'too-deep' },
  { name: '__proto__ key', raw: (r) => withExtra(r, '__proto__', '{"polluted":true}'), status: 400, type: 'bad-json' },
  {
    name: 'constructor.prototype key',
    raw: (r) => withExtra(r, 'constructor', '{"prototype":{"polluted":true}}'),
    status: 400,
    type: 'bad-json',
  },
  { name: 'nested __proto__', raw: (r) => withRaw(r, '{"__proto__":{"isAdmin":true}}'), status: 400, type: 'bad-json' },
  { name: 'body is an array', raw: () => '[]' },
  { name: 'body is a string', raw: () => '"hello"' },
  { name: 'body is a number', raw: () => '42' },
  { name: 'body is null', raw: () => 'null' },
  { name: 'number in place of a string', raw: (r) => typed(r, '12345') },
  { name: 'object in place of a string', raw: (r) => typed(r, '{"x":1}'), except: ['POST /procedures/{slug}/fee-quote'] },
  { name: 'boolean in place of a string', raw: (r) => typed(r, 'true') },
  { name: 'array in place of a string', raw: (r) => typed(r, '["a",["b"]]') },
  { name: 'huge number in place of a string', raw: (r) => typed(r, '1e400') },
  { name: 'every field null', raw: (r) => JSON.stringify(Object.fromEntries(Object.keys(r.body()).map((k) => [k, null]))) },
  { name: 'every field an array', raw: (r) => JSON.stringify(Object.fromEntries(Object.keys(r.body()).map((k) => [k, [[], {}]]))) },
  { name: 'invalid JSON', raw: (r) => JSON.stringify(r.body()).slice(0, -1), status: 400, type: 'bad-json' },
  { name: 'empty body', raw: () => '', status: 400 },
  { name: 'oversized body', raw: (r) => withRaw(r, JSON.stringify('x'.repeat(1_100_000))), status: 413 },
];

describe('server: hostile bodies on every JSON route → 4xx problem details, and the server keeps answering', () => {
  let s: TestServer;
  let citizen: string;
  let officer: string;
  let code: string;
  const data = (): Record<string, unknown> => ({
    ...validData(2),
    applicant: { fullName: 'TRẦN THỊ BÌNH', idNumber: '079088001234', dateOfBirth: '1990-01-15' },
  });

  before(async () => {
    s = await startServer({}, { LOOKUP_RATE_LIMIT: '0' });
    citizen = await devToken(s.api, 'dev-citizen-001');
    officer = await devToken(s.api, 'dev-officer-001');
    const r = await submit(s.api, validData(2), { token: citizen });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    code = r.body.code as string;
  });
  after(async () => s.stop());

  const bearer = (t: () => string) => () => ({ authorization: `Bearer ${t()}` });
  const ROUTES: Route[] = [
    {
      name: 'POST /dossiers',
      method: 'POST',
      path: () => '/dossiers',
      body: () => ({
        procedure: 'test-permit',
        version: '1.2.0',
        data: data(),
        attachments: [{ attachmentId: 'id-card', documentId: 'doc-001-cccd' }],
      }),
      stringAt: ['data', 'applicant', 'fullName'],
      headers: () => ({ ...bearer(() => citizen)(), 'idempotency-key': randomUUID() }),
    },
    {
      name: 'PUT /drafts/{slug}',
      method: 'PUT',
      path: () => '/drafts/test-permit',
      body: () => ({ version: '1.2.0', data: data(), stepId: 'main' }),
      stringAt: ['data', 'applicant', 'fullName'],
      typedAt: ['stepId'],
      headers: bearer(() => citizen),
    },
    {
      name: 'POST /procedures/{slug}/fee-quote',
      method: 'POST',
      path: () => '/procedures/test-permit/fee-quote',
      body: () => ({ data: data() }),
      stringAt: ['data', 'applicant', 'fullName'],
      typedAt: ['data'],
      headers: () => ({}),
    },
    {
      name: 'POST /dossiers/{code}/payments',
      method: 'POST',
      path: (c) => `/dossiers/${c}/payments`,
      body: () => ({ method: 'vnpay', returnUrl: 'http://localhost:8080/after-payment' }),
      stringAt: ['returnUrl'],
      headers: bearer(() => citizen),
    },
    {
      name: 'POST /payments/vietqr/notify (signed)',
      method: 'POST',
      path: () => '/payments/vietqr/notify',
      body: () => ({
        transactionId: 'FT2603021234',
        amount: 200000,
        purpose: `${code} NGUYEN VAN AN chuyen tien`,
        paidAt: '2026-03-02T09:00:00+07:00',
      }),
      stringAt: ['purpose'],
      headers: (raw) => ({ 'x-signature': signNotification(s.app.ctx.config.vietqr.notifySecret, raw) }),
    },
    {
      name: 'POST /officer/dossiers/{code}/transitions',
      method: 'POST',
      path: (c) => `/officer/dossiers/${c}/transitions`,
      body: () => ({
        status: 'supplement-requested',
        note: { vi: 'Bổ sung bản sao giấy khai sinh', en: 'Add a copy of the birth certificate' },
      }),
      stringAt: ['note', 'vi'],
      headers: bearer(() => officer),
    },
    {
      name: 'POST /dev-idp/token',
      method: 'POST',
      path: () => '/dev-idp/token',
      body: () => ({ sub: 'dev-citizen-001' }),
      stringAt: ['sub'],
      headers: () => ({}),
    },
  ];

  it('the valid bodies of the table are accepted (the table tests the routes, not typos)', async () => {
    for (const route of ROUTES) {
      if (route.name.startsWith('POST /payments/vietqr')) continue; // would pay the dossier
      if (route.name.startsWith('POST /officer')) continue; // would move the dossier
      const raw = JSON.stringify(route.body());
      const res = await fetch(`${s.api}${route.path(code)}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', ...route.headers(raw) },
        body: raw,
      });
      assert.ok(res.status < 300, `${route.name}: ${res.status} ${await res.text()}`);
    }
  });

  for (const row of ROWS) {
    it(row.name, async () => {
      for (const route of ROUTES.filter((x) => !row.except?.includes(x.name))) {
        const raw = row.raw(route);
        const res = await fetch(`${s.api}${route.path(code)}`, {
          method: route.method,
          headers: { 'content-type': 'application/json', ...route.headers(raw) },
          body: raw,
        });
        const text = await res.text();
        const where = `${route.name} / ${row.name}: ${res.status} ${text.slice(0, 300)}`;
        assert.ok(res.status >= 400 && res.status < 500, where);
        assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8', where);
        const problem = JSON.parse(text) as { status: number; type: string; detail: string; errors?: Array<{ pointer: string }> };
        assert.equal(problem.status, res.status, where);
        assert.ok(problem.detail.length > 0, where);
        if (row.status !== undefined) assert.equal(res.status, row.status, where);
        if (row.type !== undefined) assert.match(problem.type, new RegExp(`/${row.type}$`), where);
        if (row.pointer) {
          assert.ok(
            problem.errors?.some((e) => e.pointer === row.pointer!(route)),
            `${where}: expected pointer ${row.pointer(route)}`,
          );
        }
        // The server is still up and still judging.
        const health = await fetch(`${s.api}/health`);
        assert.equal(health.status, 200, `${where}: health after it`);
      }
    });
  }

  it('after the whole table the dossier is untouched and the server still takes a submission', async () => {
    const look = await fetch(`${s.api}/dossiers/${code}`);
    const body = (await look.json()) as { status: string; payment?: unknown };
    assert.equal(body.status, 'submitted');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype not polluted');
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
    const r = await submit(s.api, validData(2), { token: citizen });
    assert.equal(r.status, 201);
  });
});
