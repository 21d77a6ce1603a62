/**
 * The conformance kit: behaviour checks of the back-end contract (`api/openapi.yaml`) against any URL.
 * Every answer is also validated against the contract's schema for its operation and status.
 *
 * It submits real dossiers (from fixtures), so run it against a test environment.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Contract } from './contract.js';
import { BackendHttp, CheckFailure, describeAnswer, expect, type Answer, type CallOptions } from './http.js';

/** Where the bundled fixtures live. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Dossier code pattern of Circular 01/2018/TT-VPCP. */
export const DOSSIER_CODE = /^[0-9A-Z.]+-[0-9]{6}-[0-9]{4}$/;

/** A file a fixture needs uploaded for one attachment. */
export interface FixtureFile {
  attachmentId: string;
  filename: string;
  filetype: string;
}

/** A fixture: a valid dossier of one procedure, the files it needs, and a broken variant. */
export interface Fixture {
  procedure: string;
  data: Record<string, unknown>;
  attachments: FixtureFile[];
  invalid: {
    /** Pointers (into `data`) set to these values. */
    set?: Record<string, unknown>;
    /** Pointers (into `data`) removed. */
    remove?: string[];
    /** Pointers (into the request body) the 422 answer must name. */
    expect: string[];
  };
  /**
   * Answers that decide something the public must not learn (an `x-sensitive` fee category: exempt as a
   * poor household, reduced as a student…): the kit files the dossier with these set and checks that the
   * public lookup shows none of the fee notes the citizen's own receipt then carries.
   */
  sensitive?: {
    /**
     * Every pointer (into `data`, and into `data` with `set` applied) that holds an `x-sensitive` answer.
     * A back end never keeps these in a draft (docs/api.md, "Drafts"): the kit saves the whole dossier as a
     * draft and expects it back without them. Checked against the compiled procedures by the kit's tests.
     */
    pointers: string[];
    set?: Record<string, unknown>;
    attachments?: FixtureFile[];
  };
}

/** Options of a run. */
export interface ConformanceOptions {
  /** API root, e.g. `http://localhost:8080/api/v1`. */
  baseUrl: string;
  /** A citizen's JWT for the signed-in checks. */
  token?: string;
  /**
   * A second citizen's JWT, for the checks that need two citizens (an Idempotency-Key, a draft and a
   * payment are each citizen's own). With `devIdp`, a second sample citizen is used instead.
   */
  token2?: string;
  /** Get a token from the development identity issuer (`/dev-idp`) of the reference back end. */
  devIdp?: boolean;
  /**
   * An officer's JWT for the optional officer-API checks (the reference back end's `/officer/…`); with
   * `devIdp`, a sample officer's token is used instead. Without either, those checks are skipped.
   */
  officerToken?: string;
  /** Folders with fixtures (default: the bundled ones). Later folders win for the same procedure. */
  fixturesDirs?: string[];
  /** Contract file (default: api/openapi.yaml). */
  contractFile?: string;
  /** Called with each result as it is known (the CLI prints it). */
  onResult?: (result: CheckResult) => void;
  /** fetch to use (tests). */
  fetch?: typeof fetch;
}

/** The outcome of one check. */
export interface CheckResult {
  title: string;
  status: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped: a plain sentence. */
  message?: string;
}

/** The outcome of a run. */
export interface ConformanceReport {
  results: CheckResult[];
  passed: number;
  failed: number;
  skipped: number;
}

/** Reads the fixtures of some folders (`<slug>.json`). */
export async function loadFixtures(dirs: string[]): Promise<Map<string, Fixture>> {
  const out = new Map<string, Fixture>();
  for (const dir of dirs) {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    for (const f of files) {
      const file = path.join(dir, f);
      const fx = JSON.parse(await readFile(file, 'utf8')) as Partial<Fixture>;
      if (typeof fx.procedure !== 'string' || typeof fx.data !== 'object' || fx.data === null) {
        throw new Error(`${file}: a fixture needs "procedure" (slug) and "data" (object).`);
      }
      if (!fx.invalid || !Array.isArray(fx.invalid.expect) || fx.invalid.expect.length === 0) {
        throw new Error(`${file}: "invalid.expect" must list the pointers a 422 answer must name.`);
      }
      out.set(fx.procedure, { attachments: [], ...fx } as Fixture);
    }
  }
  return out;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A deep copy of `data` with the fixture's breakages applied. */
export function breakData(data: Record<string, unknown>, invalid: Fixture['invalid']): Record<string, unknown> {
  const copy = structuredClone(data);
  const parentOf = (pointer: string): [Record<string, unknown>, string] => {
    const parts = decodePointer(pointer);
    let node: Record<string, unknown> = copy;
    for (const p of parts.slice(0, -1)) {
      if (typeof node[p] !== 'object' || node[p] === null) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    return [node, parts[parts.length - 1]];
  };
  for (const [pointer, value] of Object.entries(invalid.set ?? {})) {
    const [node, key] = parentOf(pointer);
    node[key] = value;
  }
  for (const pointer of invalid.remove ?? []) {
    const [node, key] = parentOf(pointer);
    delete node[key];
  }
  return copy;
}

/** The value at a JSON pointer, `undefined` when there is none. */
export function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const p of decodePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, p)) return undefined;
    node = (node as Record<string, unknown>)[p];
  }
  return node;
}

/** The `sub` claim of a JWT, read without checking it (the kit only tells two citizens apart). */
function subjectOf(token: string | null): string | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString());
    return claims && typeof claims === 'object' && typeof (claims as { sub?: unknown }).sub === 'string'
      ? (claims as { sub: string }).sub
      : undefined;
  } catch {
    return undefined;
  }
}

/** A small file of the given MIME type with the right magic bytes. */
export function sampleFile(type: string, size = 2048): Uint8Array {
  const head =
    type === 'application/pdf'
      ? Buffer.from('%PDF-1.4\n% dvc-forms conformance\n1 0 obj << /Type /Catalog >> endobj\n')
      : type === 'image/png'
        ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        : type === 'image/jpeg'
          ? Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00])
          : Buffer.from('dvc-forms conformance sample\n');
  const tail = type === 'application/pdf' ? Buffer.from('\n%%EOF\n') : type === 'image/jpeg' ? Buffer.from([0xff, 0xd9]) : Buffer.alloc(0);
  const out = Buffer.alloc(Math.max(size, head.length + tail.length), 0x20);
  head.copy(out, 0);
  tail.copy(out, out.length - tail.length);
  return new Uint8Array(out);
}

function tusMetadata(meta: Record<string, string>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v, 'utf8').toString('base64')}`)
    .join(',');
}

/** Reads the amount (tag 54) of an EMVCo VietQR payload; undefined when absent or malformed. */
/** The contract's payment methods. */
export const PAYMENT_METHOD_NAMES = ['vietqr', 'vnpay', 'counter'] as const;
export type PaymentMethodName = (typeof PAYMENT_METHOD_NAMES)[number];

/**
 * The methods a back end lists for a procedure (`paymentMethods` of `GET /procedures`); all three when it
 * lists none (a back end of an earlier contract). Unknown names are left out (the listing check reports them).
 */
export function paymentMethodsOf(procedures: ReadonlyArray<{ slug: string; paymentMethods?: unknown }>, slug: string): PaymentMethodName[] {
  const listed = procedures.find((p) => p.slug === slug)?.paymentMethods;
  if (!Array.isArray(listed)) return [...PAYMENT_METHOD_NAMES];
  const known = listed.filter((m): m is PaymentMethodName => (PAYMENT_METHOD_NAMES as readonly unknown[]).includes(m));
  return known.length > 0 ? known : [...PAYMENT_METHOD_NAMES];
}

export function vietqrAmount(payload: string): number | undefined {
  let i = 0;
  while (i + 4 <= payload.length) {
    const tag = payload.slice(i, i + 2);
    const len = Number(payload.slice(i + 2, i + 4));
    if (!Number.isInteger(len)) return undefined;
    const value = payload.slice(i + 4, i + 4 + len);
    if (tag === '54') return Number(value);
    i += 4 + len;
  }
  return undefined;
}

/** String values of `data` long enough to be personal data (names, ID numbers, addresses), not dates. */
export function personalStrings(data: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length >= 8 && !/^\d{4}-\d{2}(-\d{2})?/.test(v)) out.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data);
  return [...out];
}

interface SubmittedDossier {
  fixture: Fixture;
  version: string;
  body: Record<string, unknown>;
  key: string;
  receipt: Record<string, unknown> & { code: string; fee: { total: number }; appointmentDate: string; submittedAt: string; status: string };
}

/** Runs every check and returns the report. Never throws for a back-end failure: that is a ✗ line. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const contract = await Contract.load(options.contractFile);
  const fixtures = await loadFixtures(options.fixturesDirs ?? [FIXTURES_DIR]);
  const http = new BackendHttp(baseUrl, options.token ?? null, options.fetch);
  const results: CheckResult[] = [];

  const record = (r: CheckResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  const skip = (title: string, message: string): void => record({ title, status: 'skip', message });
  /** Runs one check; returns its value or undefined when it failed. */
  const check = async <T>(title: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await fn();
      record({ title, status: 'pass' });
      return value;
    } catch (err) {
      const message = err instanceof CheckFailure ? err.message : `the check itself crashed: ${(err as Error)?.stack ?? String(err)}`;
      record({ title, status: 'fail', message });
      return undefined;
    }
  };

  /** Sends a request and validates the answer against the contract. */
  const call = async (method: string, template: string, opts: CallOptions = {}, concrete?: string): Promise<Answer> => {
    const a = await http.call(method, template, opts, concrete);
    const problems = contract.checkAnswer(method, template, {
      status: a.status,
      contentType: a.contentType,
      body: a.json,
      hasBody: a.hasBody,
    });
    if (problems.length > 0) throw new CheckFailure(problems.join(' '));
    return a;
  };
  const expectStatus = (a: Answer, ...statuses: number[]): void =>
    expect(statuses.includes(a.status), `${a.method} ${a.template} answered ${describeAnswer(a)}; expected ${statuses.join(' or ')}.`);
  const expectProblem = (a: Answer, ...statuses: number[]): Record<string, unknown> => {
    expectStatus(a, ...statuses);
    expect(
      /^application\/problem\+json/i.test(a.contentType ?? ''),
      `${a.method} ${a.template} answered ${a.status} as "${a.contentType ?? 'no content type'}", not application/problem+json (RFC 9457).`,
    );
    const p = a.json as Record<string, unknown>;
    expect(p.status === a.status, `the problem document says status ${String(p.status)} but the HTTP status is ${a.status}.`);
    return p;
  };

  // ---- service -------------------------------------------------------------------------------------
  try {
    await http.call('GET', '/health', { timeoutMs: 10_000 });
  } catch (err) {
    record({ title: `the back end answers at ${baseUrl}`, status: 'fail', message: (err as Error).message });
    return { results, passed: 0, failed: 1, skipped: 0 };
  }
  await check('GET /health answers 200 with status "ok"', async () => {
    const a = await call('GET', '/health');
    expectStatus(a, 200);
    expect((a.json as { status?: string }).status === 'ok', `health says status "${String((a.json as { status?: string }).status)}".`);
  });

  const procedures =
    (await check('GET /procedures lists the accepted procedures', async () => {
      const a = await call('GET', '/procedures');
      expectStatus(a, 200);
      const list = a.json as Array<{ slug: string; version: string }>;
      expect(list.length > 0, 'the back end accepts no procedure at all.');
      const slugs = list.map((p) => p.slug);
      expect(new Set(slugs).size === slugs.length, `a procedure is listed twice: ${slugs.join(', ')}.`);
      for (const p of list as Array<{ slug: string; paymentMethods?: unknown }>) {
        if (p.paymentMethods === undefined) continue;
        const m = p.paymentMethods;
        expect(
          Array.isArray(m) &&
            m.length > 0 &&
            new Set(m).size === m.length &&
            m.every((x) => (PAYMENT_METHOD_NAMES as readonly unknown[]).includes(x)),
          `"${p.slug}" lists paymentMethods ${JSON.stringify(m)}: it must be a non-empty list of ${PAYMENT_METHOD_NAMES.join(', ')} without repeats.`,
        );
      }
      return list;
    })) ?? [];

  await check('GET /admin-units answers provinces with their communes', async () => {
    const a = await call('GET', '/admin-units');
    expectStatus(a, 200);
    const provinces = (a.json as { provinces: Array<{ communes: unknown[] }> }).provinces;
    expect(provinces.length > 0, 'the list of provinces is empty.');
    expect(
      provinces.some((p) => p.communes.length > 0),
      'no province has a commune.',
    );
  });

  const usable = procedures.filter((p) => fixtures.has(p.slug)).map((p) => ({ fixture: fixtures.get(p.slug)!, version: p.version }));
  await check('a fixture exists for at least one accepted procedure', async () => {
    expect(procedures.length > 0, 'the list of procedures could not be read (see above).');
    expect(
      usable.length > 0,
      `none of the accepted procedures (${procedures.map((p) => p.slug).join(', ')}) has a fixture; add one with --fixtures <dir> (see conformance/fixtures/).`,
    );
  });

  // ---- errors --------------------------------------------------------------------------------------
  await check('GET /dossiers/{code} of an unknown dossier answers 404 problem details', async () => {
    const a = await call('GET', '/dossiers/{code}', {}, '/dossiers/000.00.00.X99-990101-9999');
    expectProblem(a, 404);
  });
  await check('GET /dossiers/{code} with a malformed code answers 400 or 404 problem details', async () => {
    const a = await call('GET', '/dossiers/{code}', {}, '/dossiers/not-a-dossier-code');
    expectProblem(a, 400, 404);
  });
  await check('POST /procedures/{slug}/fee-quote of an unknown procedure answers 404 problem details', async () => {
    const a = await call('POST', '/procedures/{slug}/fee-quote', { json: { data: {} } }, '/procedures/no-such-procedure-x/fee-quote');
    expectProblem(a, 404);
  });

  // ---- identity ------------------------------------------------------------------------------------
  await check('GET /me/prefill without a token answers 401 problem details', async () => {
    expectProblem(await call('GET', '/me/prefill', { token: null }), 401);
  });
  await check('GET /me/prefill with a forged token answers 401 problem details', async () => {
    const forged =
      'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4IiwiZXhwIjo0MTAyNDQ0ODAwfQ.' +
      'c2lnbmF0dXJlLW5vdC12YWxpZC1zaWduYXR1cmUtbm90LXZhbGlkLXNpZ25hdHVyZS1ub3QtdmFsaWQ';
    expectProblem(await call('GET', '/me/prefill', { token: forged }), 401);
  });

  if (options.devIdp && !http.token) {
    await check('the development identity issuer gives a token for a sample citizen', async () => {
      const list = await call('GET', '/dev-idp/citizens');
      expectStatus(list, 200);
      const citizens = list.json as Array<{ sub: string }>;
      expect(citizens.length > 0, 'the development issuer has no sample citizen.');
      const t = await call('POST', '/dev-idp/token', { json: { sub: citizens[0].sub } });
      expectStatus(t, 200);
      http.token = (t.json as { access_token: string }).access_token;
    });
  }

  let secondToken: Promise<string | null> | undefined;
  /** A second citizen's token (`token2`, or with `devIdp` another sample citizen), or null when there is none. */
  const otherCitizen = (): Promise<string | null> =>
    (secondToken ??= (async () => {
      if (!http.token) return null;
      if (options.token2) return options.token2;
      if (!options.devIdp) return null;
      const list = await call('GET', '/dev-idp/citizens', { token: null });
      const citizens = (list.json ?? []) as Array<{ sub: string }>;
      const other = citizens.find((c) => c.sub !== subjectOf(http.token));
      if (!other) return null;
      const t = await call('POST', '/dev-idp/token', { json: { sub: other.sub }, token: null });
      return (t.json as { access_token?: string } | undefined)?.access_token ?? null;
    })());

  const primary = usable[0];
  if (!http.token) {
    for (const t of [
      'GET /me/prefill answers the citizen’s record',
      'GET /me/documents answers the citizen’s documents',
      'drafts: PUT, GET, DELETE round trip',
    ]) {
      skip(t, 'no token: pass --token <jwt> or --dev-idp.');
    }
  } else {
    await check('GET /me/prefill answers the citizen’s record', async () => {
      const a = await call('GET', '/me/prefill');
      expectStatus(a, 200);
      expect(Object.keys(a.json as object).length > 0, 'the prefill record is empty for this citizen.');
    });
    await check('GET /me/documents answers the citizen’s documents', async () => {
      expectStatus(await call('GET', '/me/documents'), 200);
    });
    if (!primary) skip('drafts: PUT, GET, DELETE round trip', 'no procedure with a fixture.');
    else
      await check('drafts: PUT, GET, DELETE round trip', async () => {
        // A procedure with x-sensitive answers when one is served: the stricter round trip.
        const chosen = usable.find((u) => u.fixture.sensitive?.pointers.length) ?? primary;
        const slug = chosen.fixture.procedure;
        const p = `/drafts/${slug}`;
        const draft = { version: chosen.version, data: chosen.fixture.data, stepId: 'conformance' };
        const put = await call('PUT', '/drafts/{slug}', { json: draft }, p);
        expectStatus(put, 200);
        const got = await call('GET', '/drafts/{slug}', {}, p);
        expectStatus(got, 200);
        const sensitive = chosen.fixture.sensitive?.pointers ?? [];
        const kept = (got.json as { data: unknown }).data;
        const expected = breakData(draft.data, { remove: sensitive, expect: [] });
        const keptSensitive = sensitive.filter((ptr) => valueAt(draft.data, ptr) !== undefined && valueAt(kept, ptr) !== undefined);
        expect(
          keptSensitive.length === 0,
          `GET /drafts/{slug} gives back ${keptSensitive.join(', ')}, marked x-sensitive: a back end must not keep such answers in a draft (docs/api.md, "Drafts").`,
        );
        expect(
          isDeepStrictEqual(kept, expected),
          `GET /drafts/{slug} does not give back the data that was saved${sensitive.length ? ` (less its x-sensitive answers ${sensitive.join(', ')})` : ''}.`,
        );
        const other = await otherCitizen();
        if (other) expectProblem(await call('GET', '/drafts/{slug}', { token: other }, p), 404);
        const del = await call('DELETE', '/drafts/{slug}', {}, p);
        expectStatus(del, 204);
        expectProblem(await call('GET', '/drafts/{slug}', {}, p), 404);
        expectStatus(await call('DELETE', '/drafts/{slug}', {}, p), 204);
      });
  }

  // ---- uploads (tus) -------------------------------------------------------------------------------
  // Uploads belong to whoever created them: the citizen of the token, or, without one, the filing's
  // anonymous session secret (`Dvc-Session`), sent with every upload request and with the submission.
  const tus = { 'Tus-Resumable': '1.0.0' };
  const kitSession = randomBytes(32).toString('base64url');
  /** The kit's owner headers: none with a token (the bearer is the owner), else the session secret. */
  const owner = (): Record<string, string> => (http.token ? {} : { 'Dvc-Session': kitSession });
  /** Another owner: a fresh anonymous session and no token. */
  const stranger = (): CallOptions => ({ token: null, headers: { ...tus, 'Dvc-Session': randomBytes(32).toString('base64url') } });
  const createUpload = async (size: number, meta: Record<string, string>): Promise<string> => {
    const a = await call('POST', '/uploads', {
      headers: { ...tus, ...owner(), 'Upload-Length': String(size), 'Upload-Metadata': tusMetadata(meta) },
    });
    expectStatus(a, 201);
    const loc = a.headers.get('location');
    expect(loc, 'POST /uploads answered 201 without a Location header.');
    return new URL(loc, http.url('/uploads')).href;
  };
  const patch = (
    url: string,
    offset: number,
    bytes: Uint8Array,
    type = 'application/offset+octet-stream',
    opts: CallOptions = {},
  ): Promise<Answer> =>
    call(
      'PATCH',
      '/uploads/{uploadId}',
      { ...opts, headers: { ...tus, ...owner(), 'Upload-Offset': String(offset), 'content-type': type, ...opts.headers }, body: bytes },
      url,
    );
  const head = (url: string, opts: CallOptions = {}): Promise<Answer> =>
    call('HEAD', '/uploads/{uploadId}', { ...opts, headers: { ...tus, ...owner(), ...opts.headers } }, url);
  const uploadUrl = (id: string): string => http.url(`/uploads/${encodeURIComponent(id)}`);
  const offsetOf = (a: Answer): number => Number(a.headers.get('upload-offset'));

  /** Uploads a whole file and returns its upload id. */
  const uploadWhole = async (file: FixtureFile, slug: string): Promise<string> => {
    const bytes = sampleFile(file.filetype);
    const url = await createUpload(bytes.length, {
      filename: file.filename,
      filetype: file.filetype,
      procedure: slug,
      attachmentId: file.attachmentId,
    });
    const a = await patch(url, 0, bytes);
    expectStatus(a, 204);
    expect(
      offsetOf(a) === bytes.length,
      `after uploading ${bytes.length} bytes the server says Upload-Offset ${a.headers.get('upload-offset')}.`,
    );
    return decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop()!);
  };

  await check('OPTIONS /uploads advertises tus 1.0.0 with creation and termination', async () => {
    const a = await call('OPTIONS', '/uploads');
    expectStatus(a, 204, 200);
    const versions = (a.headers.get('tus-version') ?? '').split(',').map((s) => s.trim());
    expect(versions.includes('1.0.0'), `Tus-Version is "${a.headers.get('tus-version') ?? ''}", without 1.0.0.`);
    const ext = (a.headers.get('tus-extension') ?? '').split(',').map((s) => s.trim());
    for (const e of ['creation', 'termination']) expect(ext.includes(e), `Tus-Extension "${ext.join(',')}" lacks "${e}".`);
  });

  await check('tus: create, send half, HEAD gives the offset, a stale offset is refused (409), resume completes', async () => {
    const bytes = sampleFile('application/pdf', 4096);
    const url = await createUpload(bytes.length, { filename: 'conformance.pdf', filetype: 'application/pdf', attachmentId: 'conformance' });
    const h0 = await head(url);
    expectStatus(h0, 200);
    expect(offsetOf(h0) === 0, `a new upload has Upload-Offset ${h0.headers.get('upload-offset')}, not 0.`);
    const first = await patch(url, 0, bytes.subarray(0, 1500));
    expectStatus(first, 204);
    expect(offsetOf(first) === 1500, `after 1500 bytes PATCH answered Upload-Offset ${first.headers.get('upload-offset')}.`);
    const h1 = await head(url);
    expect(offsetOf(h1) === 1500, `HEAD after 1500 bytes says Upload-Offset ${h1.headers.get('upload-offset')}.`);
    expect(
      Number(h1.headers.get('upload-length')) === bytes.length,
      `HEAD says Upload-Length ${h1.headers.get('upload-length')}, not ${bytes.length}.`,
    );
    expect(/no-store/i.test(h1.headers.get('cache-control') ?? ''), 'HEAD must answer Cache-Control: no-store.');
    const stale = await patch(url, 0, bytes.subarray(0, 100));
    expectStatus(stale, 409);
    const rest = await patch(url, 1500, bytes.subarray(1500));
    expectStatus(rest, 204);
    expect(offsetOf(rest) === bytes.length, `after the rest PATCH answered Upload-Offset ${rest.headers.get('upload-offset')}.`);
    expect(offsetOf(await head(url)) === bytes.length, 'HEAD after completion does not report the full length.');
  });

  await check('tus: PATCH with another content type answers 415', async () => {
    const url = await createUpload(10, { filename: 'x.pdf', filetype: 'application/pdf', attachmentId: 'conformance' });
    expectStatus(await patch(url, 0, new Uint8Array(10), 'application/octet-stream'), 415);
  });

  await check('tus: a request without Tus-Resumable answers 412', async () => {
    const a = await call('POST', '/uploads', { headers: { ...owner(), 'Upload-Length': '10' } });
    expectStatus(a, 412);
  });

  await check('tus: an unsupported Tus-Resumable version answers 412 with Tus-Version', async () => {
    const a = await call('POST', '/uploads', { headers: { ...owner(), 'Tus-Resumable': '0.2.2', 'Upload-Length': '10' } });
    expectStatus(a, 412);
    expect(/1\.0\.0/.test(a.headers.get('tus-version') ?? ''), `Tus-Version is "${a.headers.get('tus-version') ?? ''}", without 1.0.0.`);
  });

  await check('tus: DELETE terminates an upload; HEAD then answers 404 or 410', async () => {
    const url = await createUpload(10, { filename: 'x.pdf', filetype: 'application/pdf', attachmentId: 'conformance' });
    expectStatus(await call('DELETE', '/uploads/{uploadId}', { headers: { ...tus, ...owner() } }, url), 204);
    expectStatus(await head(url), 404, 410);
  });

  // ---- uploads: security (issue 7) ------------------------------------------------------------------
  await check('uploads (security): creating an upload with neither a token nor a session secret answers 401', async () => {
    const a = await call('POST', '/uploads', {
      token: null,
      headers: { ...tus, 'Upload-Length': '10', 'Upload-Metadata': tusMetadata({ filetype: 'application/pdf' }) },
    });
    expectProblem(a, 401);
  });

  await check(
    'uploads (security): another owner cannot HEAD, PATCH, GET or DELETE an upload (404 or 403); the owner’s bytes stay',
    async () => {
      const bytes = sampleFile('application/pdf', 2048);
      const url = await createUpload(bytes.length, {
        filename: 'conformance.pdf',
        filetype: 'application/pdf',
        attachmentId: 'conformance',
      });
      expectStatus(await patch(url, 0, bytes.subarray(0, 1000)), 204);
      const other = stranger();
      expectStatus(await head(url, other), 403, 404);
      expectStatus(await patch(url, 1000, bytes.subarray(1000), 'application/offset+octet-stream', other), 403, 404);
      expectStatus(await call('DELETE', '/uploads/{uploadId}', other, url), 403, 404);
      expectStatus(await call('GET', '/uploads/{uploadId}', other, url), 403, 404);
      const h = await head(url);
      expectStatus(h, 200);
      expect(
        offsetOf(h) === 1000,
        `after another owner's requests the owner's upload is at Upload-Offset ${h.headers.get('upload-offset')}, not 1000.`,
      );
      expectStatus(await patch(url, 1000, bytes.subarray(1000)), 204);
      const got = await call('GET', '/uploads/{uploadId}', { headers: owner() }, url);
      expectStatus(got, 200);
      expect(
        /attachment/i.test(got.headers.get('content-disposition') ?? ''),
        'a download must be sent with Content-Disposition: attachment.',
      );
      expect(
        /nosniff/i.test(got.headers.get('x-content-type-options') ?? ''),
        'a download must be sent with X-Content-Type-Options: nosniff.',
      );
      expect(/no-store/i.test(got.headers.get('cache-control') ?? ''), 'a download must be sent with Cache-Control: no-store.');
    },
  );

  // ---- dossiers ------------------------------------------------------------------------------------
  // The filing's anonymous session secret (`Dvc-Session`, as for the uploads above): sent with the payment calls
  // too, so the kit acts as the dossier's owner with or without a token.
  const asOwner = { 'Dvc-Session': kitSession };
  const submitted: SubmittedDossier[] = [];
  for (const { fixture, version } of usable) {
    const slug = fixture.procedure;
    const quote = await check(`${slug}: POST /procedures/{slug}/fee-quote answers the fee`, async () => {
      const a = await call('POST', '/procedures/{slug}/fee-quote', { json: { data: fixture.data } }, `/procedures/${slug}/fee-quote`);
      expectStatus(a, 200);
      const q = a.json as { total: number; lines: Array<{ amount: number; unitAmount: number; quantity: number }> };
      const sum = q.lines.reduce((s, l) => s + l.amount, 0);
      expect(sum === q.total, `the fee lines add up to ${sum} but total is ${q.total}.`);
      for (const l of q.lines)
        expect(l.amount === l.unitAmount * l.quantity, `a fee line's amount ${l.amount} is not ${l.unitAmount} × ${l.quantity}.`);
      return q;
    });

    const dossier = await check(`${slug}: a valid dossier is accepted: 201, a dossier code and an appointment date`, async () => {
      const attachments: Array<{ attachmentId: string; uploadId: string }> = [];
      for (const f of fixture.attachments) attachments.push({ attachmentId: f.attachmentId, uploadId: await uploadWhole(f, slug) });
      const body = { procedure: slug, version, data: fixture.data, attachments, locale: 'vi' };
      const key = `conformance-${slug}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const a = await call('POST', '/dossiers', { json: body, headers: { ...owner(), 'Idempotency-Key': key } });
      expectStatus(a, 201);
      const receipt = a.json as SubmittedDossier['receipt'];
      expect(DOSSIER_CODE.test(receipt.code), `the dossier code "${receipt.code}" does not match ${DOSSIER_CODE.source}.`);
      const submittedDay = new Date(Date.parse(receipt.submittedAt) - 86_400_000).toISOString().slice(0, 10);
      expect(
        receipt.appointmentDate >= submittedDay,
        `the appointment date ${receipt.appointmentDate} is before the submission (${receipt.submittedAt}).`,
      );
      const age = Math.abs(Date.now() - Date.parse(receipt.submittedAt));
      expect(age < 10 * 60_000, `submittedAt ${receipt.submittedAt} is not now.`);
      return { fixture, version, body, key, receipt } satisfies SubmittedDossier;
    });
    if (!dossier) continue;
    submitted.push(dossier);

    await check(`${slug}: the fee in the receipt equals the fee quote`, async () => {
      expect(quote, 'the fee quote failed above.');
      expect(
        isDeepStrictEqual(dossier.receipt.fee, quote),
        `the receipt's fee ${JSON.stringify(dossier.receipt.fee)} differs from the quote ${JSON.stringify(quote)}.`,
      );
    });

    await check(`${slug}: GET /dossiers/{code} shows the status and its history`, async () => {
      const a = await call('GET', '/dossiers/{code}', {}, `/dossiers/${encodeURIComponent(dossier.receipt.code)}`);
      expectStatus(a, 200);
      const s = a.json as {
        code: string;
        procedure: string;
        status: string;
        submittedAt: string;
        appointmentDate: string;
        history: Array<{ status: string }>;
      };
      expect(s.code === dossier.receipt.code, `the status is for "${s.code}", not "${dossier.receipt.code}".`);
      expect(s.procedure === slug, `the status names procedure "${s.procedure}", not "${slug}".`);
      expect(
        s.appointmentDate === dossier.receipt.appointmentDate,
        `the appointment date changed from ${dossier.receipt.appointmentDate} to ${s.appointmentDate}.`,
      );
      expect(
        Date.parse(s.submittedAt) === Date.parse(dossier.receipt.submittedAt),
        `submittedAt ${s.submittedAt} differs from the receipt's ${dossier.receipt.submittedAt}.`,
      );
      expect(
        s.history.at(-1)?.status === s.status,
        `the last history entry is "${s.history.at(-1)?.status}" but the status is "${s.status}".`,
      );
    });

    await check(`${slug}: the public lookup is ordered oldest first and shows no personal data`, async () => {
      const a = await call('GET', '/dossiers/{code}', { token: null }, `/dossiers/${encodeURIComponent(dossier.receipt.code)}`);
      expectStatus(a, 200);
      const s = a.json as Record<string, unknown> & { history: Array<{ at: string }> };
      const times = s.history.map((h) => Date.parse(h.at));
      expect(
        times.every((t, i) => i === 0 || t >= times[i - 1]),
        `the history is not ordered oldest first: ${s.history.map((h) => h.at).join(', ')}.`,
      );
      expect(!('data' in s), "the public lookup answers the dossier's data: anyone with the code would see it.");
      const leaked = personalStrings(fixture.data).filter((v) => a.text.includes(v));
      expect(
        leaked.length === 0,
        `the public lookup shows values of the dossier's data: ${leaked
          .slice(0, 3)
          .map((v) => `"${v}"`)
          .join(', ')}.`,
      );
    });
  }

  const main = submitted.find((d) => d.receipt.fee.total > 0) ?? submitted[0];
  /** Security checks of payments: only the dossier's owner (or its agency's officers) may pay or look. */
  const paymentSecurity = [
    'payment security: creating a payment without sign-in or the filing’s session secret answers 401',
    'payment security: a payment for another citizen’s dossier is refused (403 or 404)',
    'payment security: a returnUrl to a foreign origin answers 422 pointing at /returnUrl',
    'payment security: GET /payments/{id} without sign-in or the filing’s session secret answers 401',
  ];
  const needsMain = [
    'the same Idempotency-Key and body answer 200 with the same receipt',
    'the same Idempotency-Key with another body answers 409 problem details',
    'a submission without Idempotency-Key answers 400 problem details',
    'an invalid dossier answers 422 with a pointer for each error',
    'a dossier missing a required attachment answers 422 pointing at /attachments',
    'a dossier of an unknown procedure answers 422 pointing at /procedure',
    'an oversized body answers 413 problem details',
    'a body that is not JSON answers 415 problem details',
    'a body sent as text/plain answers 415 problem details',
    'payment (a method the back end lists): 201 with the amount the server computed',
    'payment: the same method again answers 200 with the same payment',
    'payment (VietQR): the QR payload carries the amount of the fee',
    'GET /payments/{id} answers the payment',
    'payment of an unknown dossier answers 404 problem details',
    'payment with an unknown method answers 422 pointing at /method',
    'payment with a method the back end does not list answers 422 pointing at /method',
  ];
  if (!main) {
    for (const t of [...needsMain, ...paymentSecurity]) skip(t, 'no valid dossier could be submitted (see above).');
  } else {
    await check(needsMain[0], async () => {
      const a = await call('POST', '/dossiers', { json: main.body, headers: { ...owner(), 'Idempotency-Key': main.key } });
      expectStatus(a, 200);
      const r = a.json as SubmittedDossier['receipt'];
      expect(
        r.code === main.receipt.code,
        `the replay gave code "${r.code}", the first answer "${main.receipt.code}": the dossier was filed twice.`,
      );
      expect(isDeepStrictEqual(r, main.receipt), 'the replay answer differs from the first answer.');
    });
    await check(needsMain[1], async () => {
      const other = { ...main.body, locale: 'en' };
      expectProblem(await call('POST', '/dossiers', { json: other, headers: { ...owner(), 'Idempotency-Key': main.key } }), 409);
    });
    await check(needsMain[2], async () => {
      expectProblem(await call('POST', '/dossiers', { json: main.body }), 400);
    });
    await check(needsMain[3], async () => {
      const body = { ...main.body, data: breakData(main.fixture.data, main.fixture.invalid) };
      const a = await call('POST', '/dossiers', { json: body, headers: { 'Idempotency-Key': `conformance-invalid-${Date.now()}` } });
      const p = expectProblem(a, 422);
      const errors = p.errors as Array<{ pointer: string }>;
      const pointers = errors.map((e) => e.pointer);
      const missing = main.fixture.invalid.expect.filter((x) => !pointers.includes(x));
      expect(missing.length === 0, `the 422 answer does not name ${missing.join(', ')} (it names ${pointers.join(', ') || 'nothing'}).`);
    });
    const withFiles = submitted.find((d) => d.fixture.attachments.length > 0);
    if (!withFiles) skip(needsMain[4], 'no fixture needs an attachment.');
    else
      await check(needsMain[4], async () => {
        const body = { ...withFiles.body, attachments: [] };
        const a = await call('POST', '/dossiers', { json: body, headers: { 'Idempotency-Key': `conformance-noatt-${Date.now()}` } });
        const p = expectProblem(a, 422);
        const pointers = (p.errors as Array<{ pointer: string }>).map((e) => e.pointer);
        expect(
          pointers.some((x) => x.startsWith('/attachments')),
          `the 422 answer names ${pointers.join(', ')}, nothing under /attachments.`,
        );
      });
    await check(needsMain[5], async () => {
      const body = { ...main.body, procedure: 'no-such-procedure-x' };
      const a = await call('POST', '/dossiers', { json: body, headers: { 'Idempotency-Key': `conformance-proc-${Date.now()}` } });
      const p = expectProblem(a, 422);
      const pointers = (p.errors as Array<{ pointer: string }>).map((e) => e.pointer);
      expect(pointers.includes('/procedure'), `the 422 answer names ${pointers.join(', ')}, not /procedure.`);
    });
    await check(needsMain[6], async () => {
      const body = { ...main.body, data: { ...main.fixture.data, padding: 'x'.repeat(8 * 1024 * 1024) } };
      const bytes = new TextEncoder().encode(JSON.stringify(body));
      const a = await http.sendLarge(
        'POST',
        '/dossiers',
        '/dossiers',
        {
          'content-type': 'application/json',
          'Idempotency-Key': `conformance-big-${Date.now()}`,
        },
        bytes,
      );
      const problems = contract.checkAnswer('POST', '/dossiers', {
        status: a.status,
        contentType: a.contentType,
        body: a.json,
        hasBody: a.hasBody,
      });
      if (a.status === 413) expect(problems.length === 0, problems.join(' '));
      expectProblem(a, 413);
    });
    await check(needsMain[7], async () => {
      const a = await call('POST', '/dossiers', {
        body: 'procedure=birth-registration&version=1.0.0',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'Idempotency-Key': `conformance-form-${Date.now()}` },
      });
      expectProblem(a, 415);
    });
    await check(needsMain[8], async () => {
      const a = await call('POST', '/dossiers', {
        body: JSON.stringify(main.body),
        headers: { 'content-type': 'text/plain', 'Idempotency-Key': `conformance-text-${Date.now()}` },
      });
      expectProblem(a, 415);
    });

    const code = main.receipt.code;
    const payPath = `/dossiers/${encodeURIComponent(code)}/payments`;
    // Only the methods the back end lists for the procedure (`paymentMethods` of GET /procedures) are checked.
    const offered = paymentMethodsOf(procedures, String(main.body.procedure));
    const first = offered[0];
    const prefer = (m: PaymentMethodName): PaymentMethodName => (offered.includes(m) ? m : first);
    if (main.receipt.fee.total === 0) {
      await check('payment of a dossier with no fee answers 409 problem details', async () => {
        expectProblem(await call('POST', '/dossiers/{code}/payments', { json: { method: first }, headers: asOwner }, payPath), 409);
      });
      for (const t of paymentSecurity) skip(t, 'no fixture dossier has a fee to pay.');
    } else {
      const payment = await check(needsMain[9], async () => {
        const a = await call('POST', '/dossiers/{code}/payments', { json: { method: first }, headers: asOwner }, payPath);
        expectStatus(a, 201);
        const p = a.json as { id: string; amount: number; dossierCode: string; status: string };
        expect(
          p.amount === main.receipt.fee.total,
          `the payment is for ${p.amount} VND but the server's fee is ${main.receipt.fee.total} VND.`,
        );
        expect(p.dossierCode === code, `the payment names dossier "${p.dossierCode}", not "${code}".`);
        expect(p.status === 'pending', `a new payment has status "${p.status}", not "pending".`);
        return p;
      });
      await check(needsMain[10], async () => {
        expect(payment, 'the payment could not be created above.');
        const a = await call('POST', '/dossiers/{code}/payments', { json: { method: first }, headers: asOwner }, payPath);
        expectStatus(a, 200);
        expect((a.json as { id: string }).id === payment.id, 'a second payment was created instead of answering the pending one.');
      });
      if (!offered.includes('vietqr')) skip(needsMain[11], 'the back end does not list vietqr among its paymentMethods.');
      else
        await check(needsMain[11], async () => {
          const a = await call('POST', '/dossiers/{code}/payments', { json: { method: 'vietqr' }, headers: asOwner }, payPath);
          expectStatus(a, 201, 200);
          const p = a.json as { amount: number; vietqr?: { payload: string } };
          expect(
            p.amount === main.receipt.fee.total,
            `the VietQR payment is for ${p.amount} VND, the fee is ${main.receipt.fee.total} VND.`,
          );
          expect(p.vietqr, 'a VietQR payment has no "vietqr" instructions.');
          const amount = vietqrAmount(p.vietqr.payload);
          expect(
            amount === main.receipt.fee.total,
            `the QR payload's amount (tag 54) is ${String(amount)}, the fee is ${main.receipt.fee.total}.`,
          );
        });
      await check(needsMain[12], async () => {
        expect(payment, 'the payment could not be created above.');
        const a = await call('GET', '/payments/{paymentId}', { headers: asOwner }, `/payments/${encodeURIComponent(payment.id)}`);
        expectStatus(a, 200);
        const p = a.json as { id: string; amount: number };
        expect(p.id === payment.id && p.amount === payment.amount, 'GET /payments/{id} answers another payment.');
      });

      // ---- payment security ----------------------------------------------------------------------------
      await check(paymentSecurity[0], async () => {
        const a = await call('POST', '/dossiers/{code}/payments', { json: { method: first }, token: null }, payPath);
        expectProblem(a, 401);
      });
      await check(paymentSecurity[1], async () => {
        // Someone else: another filing's session secret, no token (a stranger who guessed the code).
        const stranger = { 'Dvc-Session': randomBytes(32).toString('base64url') };
        const a = await call(
          'POST',
          '/dossiers/{code}/payments',
          { json: { method: prefer('vnpay') }, headers: stranger, token: null },
          payPath,
        );
        expectProblem(a, 403, 404);
        const other = await otherCitizen();
        if (other) {
          const b = await call('POST', '/dossiers/{code}/payments', { json: { method: prefer('vnpay') }, token: other }, payPath);
          expectProblem(b, 403, 404);
        }
      });
      await check(paymentSecurity[2], async () => {
        const a = await call(
          'POST',
          '/dossiers/{code}/payments',
          { json: { method: prefer('vnpay'), returnUrl: 'https://attacker.invalid/dvc-conformance' }, headers: asOwner },
          payPath,
        );
        const p = expectProblem(a, 422);
        const pointers = ((p.errors as Array<{ pointer: string }> | undefined) ?? []).map((e) => e.pointer);
        expect(pointers.includes('/returnUrl'), `the 422 answer names ${pointers.join(', ') || 'nothing'}, not /returnUrl.`);
      });
      await check(paymentSecurity[3], async () => {
        expect(payment, 'the payment could not be created above.');
        const a = await call('GET', '/payments/{paymentId}', { token: null }, `/payments/${encodeURIComponent(payment.id)}`);
        expectProblem(a, 401);
      });
      await check('security: the public lookup shows the payment without its id', async () => {
        expect(payment, 'the payment could not be created above.');
        const a = await call('GET', '/dossiers/{code}', { token: null }, `/dossiers/${encodeURIComponent(code)}`);
        expectStatus(a, 200);
        expect(
          !a.text.includes(payment.id),
          `GET /dossiers/{code} (anyone holding the code) shows the payment id ${payment.id}; with it anyone can read the payment.`,
        );
      });
    }
    const unlisted = PAYMENT_METHOD_NAMES.find((m) => !offered.includes(m));
    // A back end that lists every method has nothing to refuse here: the check does not apply (it is not a skip).
    if (!unlisted) {
      // nothing to check
    } else if (main.receipt.fee.total === 0) skip(needsMain[15], 'no fixture dossier has a fee to pay.');
    else
      await check(needsMain[15], async () => {
        const a = await call('POST', '/dossiers/{code}/payments', { json: { method: unlisted }, headers: asOwner }, payPath);
        const p = expectProblem(a, 422);
        const pointers = ((p.errors as Array<{ pointer: string }> | undefined) ?? []).map((e) => e.pointer);
        expect(pointers.includes('/method'), `the 422 answer names ${pointers.join(', ') || 'nothing'}, not /method.`);
      });
    await check(needsMain[13], async () => {
      const a = await call(
        'POST',
        '/dossiers/{code}/payments',
        { json: { method: first }, headers: asOwner },
        '/dossiers/000.00.00.X99-990101-9999/payments',
      );
      expectProblem(a, 404);
    });
    await check(needsMain[14], async () => {
      const a = await call('POST', '/dossiers/{code}/payments', { json: { method: 'cash-in-envelope' }, headers: asOwner }, payPath);
      const p = expectProblem(a, 422);
      const pointers = (p.errors as Array<{ pointer: string }>).map((e) => e.pointer);
      expect(pointers.includes('/method'), `the 422 answer names ${pointers.join(', ')}, not /method.`);
    });
  }

  // ---- uploads belong to their owner (issue 7) --------------------------------------------------------
  const ownedTitles = [
    'dossiers (security): a dossier naming another owner’s upload answers 422 pointing at that attachment',
    'uploads (security): an upload a submitted dossier references cannot be deleted (409 or 403); its bytes stay',
  ];
  const filed = submitted.find((d) => d.fixture.attachments.length > 0);
  if (!filed) for (const title of ownedTitles) skip(title, 'no dossier with an uploaded attachment could be submitted (see above).');
  else {
    const refs = filed.body.attachments as Array<{ attachmentId: string; uploadId: string }>;
    await check(ownedTitles[0], async () => {
      // The very body the owner filed, sent by someone else: only the owner may reference these uploads.
      const other = stranger();
      const a = await call('POST', '/dossiers', {
        ...other,
        json: filed.body,
        headers: { 'Dvc-Session': (other.headers ?? {})['Dvc-Session'], 'Idempotency-Key': `conformance-foreign-${Date.now()}` },
      });
      const p = expectProblem(a, 422);
      const pointers = ((p.errors ?? []) as Array<{ pointer: string }>).map((e) => e.pointer);
      const missing = refs.map((_, i) => `/attachments/${i}`).filter((at) => !pointers.some((x) => x === at || x.startsWith(`${at}/`)));
      expect(
        missing.length === 0,
        `the 422 answer does not name ${missing.join(', ')} (it names ${pointers.join(', ') || 'nothing'}): another owner's upload was accepted.`,
      );
    });
    await check(ownedTitles[1], async () => {
      const url = uploadUrl(refs[0].uploadId);
      const a = await call('DELETE', '/uploads/{uploadId}', { headers: { ...tus, ...owner() } }, url);
      expectStatus(a, 409, 403);
      const h = await head(url);
      expectStatus(h, 200);
      expect(
        offsetOf(h) > 0 && offsetOf(h) === Number(h.headers.get('upload-length')),
        'after the refused DELETE the upload is not complete any more.',
      );
    });
  }

  // ---- what the public lookup must not show ------------------------------------------------------------
  const lookupOf = (code: string) => call('GET', '/dossiers/{code}', { token: null }, `/dossiers/${encodeURIComponent(code)}`);
  const answerTexts = (value: unknown, out: string[] = []): string[] => {
    if (typeof value === 'string' && value.trim().length >= 6) out.push(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) answerTexts(v, out);
    return out;
  };
  await check('security: the public lookup shows none of the dossier’s answers (names, ID numbers, addresses)', async () => {
    expect(submitted.length > 0, 'no valid dossier could be submitted (see above).');
    for (const d of submitted) {
      const a = await lookupOf(d.receipt.code);
      expectStatus(a, 200);
      const shown = answerTexts(d.body.data).filter((t) => a.text.includes(JSON.stringify(t).slice(1, -1)));
      expect(
        shown.length === 0,
        `GET /dossiers/${d.receipt.code} (anyone holding the code) shows the answers ${shown
          .slice(0, 3)
          .map((t) => JSON.stringify(t))
          .join(', ')}.`,
      );
    }
  });
  const sensitiveCases = usable.filter((u) => u.fixture.sensitive?.set);
  const sensitiveTitle = 'security: the public lookup shows no fee note decided by an x-sensitive answer (fee category)';
  if (sensitiveCases.length === 0) skip(sensitiveTitle, 'no fixture of a served procedure has a "sensitive" variant.');
  else
    await check(sensitiveTitle, async () => {
      for (const { fixture, version } of sensitiveCases) {
        const data = breakData(fixture.data, { set: fixture.sensitive!.set, expect: [] });
        const attachments: Array<{ attachmentId: string; uploadId: string }> = [];
        for (const f of [...fixture.attachments, ...(fixture.sensitive!.attachments ?? [])]) {
          attachments.push({ attachmentId: f.attachmentId, uploadId: await uploadWhole(f, fixture.procedure) });
        }
        const body = { procedure: fixture.procedure, version, data, attachments, locale: 'vi' };
        const a = await call('POST', '/dossiers', {
          json: body,
          headers: { ...owner(), 'Idempotency-Key': `conformance-sensitive-${Date.now()}-${Math.random().toString(36).slice(2)}` },
        });
        expectStatus(a, 201);
        const receipt = a.json as { code: string; fee: { lines: Array<{ note?: Record<string, string> }> } };
        const notes = receipt.fee.lines.flatMap((l) => Object.values(l.note ?? {}));
        expect(
          notes.length > 0,
          `${fixture.procedure}: the receipt of the "sensitive" variant carries no fee note to look for; the fixture does not exercise the check.`,
        );
        const look = await lookupOf(receipt.code);
        expectStatus(look, 200);
        const shown = notes.filter((n) => look.text.includes(JSON.stringify(n).slice(1, -1)));
        expect(
          shown.length === 0,
          `GET /dossiers/${receipt.code} shows the fee note ${shown.map((n) => JSON.stringify(n)).join(', ')}, decided by an x-sensitive answer (${Object.keys(fixture.sensitive?.set ?? {}).join(', ')}).`,
        );
      }
    });

  // ---- hostile bodies and headers ------------------------------------------------------------------
  if (!main) skip('security: hostile bodies answer 4xx problem details, never 5xx', 'no valid dossier could be submitted (see above).');
  else
    await check('security: hostile bodies answer 4xx problem details, never 5xx', async () => {
      const data = main.body.data as Record<string, unknown>;
      const hostile: Array<[string, string]> = [
        ['a NUL character', JSON.stringify({ ...main.body, data: { ...data, zzNul: 'Nguy\u0000ễn' } })],
        ['a lone surrogate', JSON.stringify({ ...main.body, data: { ...data, zzSurrogate: 'An \ud800' } })],
        [
          '6,000-level nesting',
          JSON.stringify({ ...main.body, data: { ...data, zzDeep: 0 } }).replace(
            '"zzDeep":0',
            `"zzDeep":${'['.repeat(6000)}${']'.repeat(6000)}`,
          ),
        ],
        ['a "__proto__" key', `{"__proto__":{"polluted":true},${JSON.stringify(main.body).slice(1)}`],
        ['a "constructor.prototype" key', `{"constructor":{"prototype":{"polluted":true}},${JSON.stringify(main.body).slice(1)}`],
        ['a body that is null', 'null'],
      ];
      for (const [what, body] of hostile) {
        const a = await call('POST', '/dossiers', {
          body,
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': `hostile-${Math.random().toString(36).slice(2)}-${Date.now()}`,
          },
        });
        expect(a.status >= 400 && a.status < 500, `POST /dossiers with ${what} answered ${describeAnswer(a)}; expected a 4xx problem.`);
        expectProblem(a, a.status);
        const health = await http.call('GET', '/health');
        expect(health.status === 200, `after POST /dossiers with ${what}, GET /health answered ${health.status}.`);
      }
    });
  await check('security: answers carry X-Content-Type-Options: nosniff; the public lookup is not cached (no-store)', async () => {
    const a = await call(
      'GET',
      '/dossiers/{code}',
      { token: null },
      main ? `/dossiers/${encodeURIComponent(main.receipt.code)}` : '/dossiers/000.00.00.X99-990101-9999',
    );
    expect(
      a.headers.get('x-content-type-options')?.toLowerCase() === 'nosniff',
      `GET /dossiers/{code} has no "X-Content-Type-Options: nosniff".`,
    );
    expect(
      /no-store/i.test(a.headers.get('cache-control') ?? ''),
      `GET /dossiers/{code} has Cache-Control "${a.headers.get('cache-control') ?? ''}", not no-store.`,
    );
  });

  // ---- idempotency keys are per citizen -------------------------------------------------------------
  const scopeTitle = 'an Idempotency-Key reused by another citizen never answers the first citizen’s receipt';
  if (!main) skip(scopeTitle, 'no valid dossier could be submitted (see above).');
  else if (!http.token || !(options.token2 || options.devIdp))
    skip(scopeTitle, 'needs two citizens: pass --token and --token2, or --dev-idp.');
  else
    await check(scopeTitle, async () => {
      const other = await otherCitizen();
      expect(other, 'no second citizen: the development issuer has only one sample citizen.');
      const a = await call('POST', '/dossiers', { json: main.body, headers: { 'Idempotency-Key': main.key }, token: other });
      const code = (a.json as { code?: string } | undefined)?.code;
      expect(
        code !== main.receipt.code,
        `another citizen sending the same Idempotency-Key got the first citizen's receipt (${main.receipt.code}, HTTP ${a.status}).`,
      );
    });

  // ---- officer API (reference back end; optional) -----------------------------------------------------
  const officerTitles = [
    'officer API (optional): no token answers 401, a citizen’s token 403',
    'officer API (optional): a status change shows in the public lookup, with its note, without the officer',
    'officer API (optional): an illegal transition answers 409 naming the current and the requested status',
  ];
  let officerToken = options.officerToken ?? null;
  if (!officerToken && options.devIdp && main) {
    await check('the development identity issuer gives a token for a sample officer of the dossier’s agency', async () => {
      const list = await call('GET', '/dev-idp/officers', { token: null });
      expectStatus(list, 200);
      const officers = list.json as Array<{ sub: string; agency: string }>;
      const own = officers.find((o) => main.receipt.code.startsWith(`${o.agency}-`));
      expect(own, `no sample officer works for the agency of ${main.receipt.code}.`);
      const t = await call('POST', '/dev-idp/token', { json: { sub: own.sub }, token: null });
      expectStatus(t, 200);
      officerToken = (t.json as { access_token: string }).access_token;
    });
  }
  if (!main) for (const title of officerTitles) skip(title, 'no valid dossier could be submitted (see above).');
  else if (!officerToken) {
    for (const title of officerTitles) {
      skip(title, 'the officer API is specific to the reference back end; pass --officer-token <jwt> (or --dev-idp) to check it.');
    }
  } else {
    const code = main.receipt.code;
    const path = `/officer/dossiers/${encodeURIComponent(code)}/transitions`;
    const officer = officerToken;
    await check(officerTitles[0], async () => {
      expectProblem(await call('POST', '/officer/dossiers/{code}/transitions', { json: { status: 'received' }, token: null }, path), 401);
      if (http.token) {
        expectProblem(
          await call('POST', '/officer/dossiers/{code}/transitions', { json: { status: 'received' }, token: http.token }, path),
          403,
        );
      }
    });
    await check(officerTitles[1], async () => {
      const before = await call('GET', '/dossiers/{code}', { token: null }, `/dossiers/${encodeURIComponent(code)}`);
      const prior = before.json as { status: string; history: unknown[] };
      const note = { vi: 'Kiểm thử tuân thủ: đã tiếp nhận hồ sơ.', en: 'Conformance: received.' };
      const moved = await call(
        'POST',
        '/officer/dossiers/{code}/transitions',
        { json: { status: 'received', note, expectedStatus: prior.status }, token: officer },
        path,
      );
      expectStatus(moved, 200);
      const a = await call('GET', '/dossiers/{code}', { token: null }, `/dossiers/${encodeURIComponent(code)}`);
      const s = a.json as { status: string; history: Array<{ status: string; note?: unknown; at: string }> };
      expect(s.status === 'received', `after the change the public lookup says "${s.status}", not "received".`);
      expect(
        s.history.length === prior.history.length + 1,
        `the history has ${s.history.length} entries, expected ${prior.history.length + 1}.`,
      );
      expect(isDeepStrictEqual(s.history.at(-1)?.note, note), 'the new history entry does not carry the note to the citizen.');
      const officerSub = JSON.parse(Buffer.from(officer.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}').sub as
        string | undefined;
      expect(!officerSub || !a.text.includes(officerSub), `the public lookup names the officer ("${officerSub}").`);
    });
    await check(officerTitles[2], async () => {
      const a = await call('POST', '/officer/dossiers/{code}/transitions', { json: { status: 'completed' }, token: officer }, path);
      const p = expectProblem(a, 409);
      expect(p.currentStatus === 'received', `the 409 names currentStatus "${String(p.currentStatus)}", not "received".`);
      expect(p.requestedStatus === 'completed', `the 409 names requestedStatus "${String(p.requestedStatus)}", not "completed".`);
    });
  }

  const passed = results.filter((r) => r.status === 'pass').length;
  const failed = results.filter((r) => r.status === 'fail').length;
  const skipped = results.filter((r) => r.status === 'skip').length;
  return { results, passed, failed, skipped };
}
