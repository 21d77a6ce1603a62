/**
 * Server-side drafts: SyncedDraftStorage + DraftStore against the REAL reference server (PGlite) through the
 * real HTTP client. "Devices" are separate local storages; "offline" is a network fault injected into the
 * client's fetch (the server keeps running), as when a phone loses its connection.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createHttpClient } from '../../../src/client/http-client.js';
import type { BackendClient } from '../../../src/runtime/backend.js';
import { DraftStore, MemoryStorage, type DraftRecord } from '../../../src/runtime/draft-store.js';
import { SyncedDraftStorage, tokenOwner, type DraftConflict } from '../../../src/runtime/synced-draft-storage.js';
import { MODEL, SLUG } from '../server/fixtures/procedure.js';
import { call, devToken, startServer, type TestServer } from '../server/helpers.js';

const ID = '001090012345';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let s: TestServer;
let token: string;
/** Every request any device made: method, path, body. */
let wire: Array<{ method: string; path: string; body: string }>;

before(async () => {
  s = await startServer();
  token = await devToken(s.api);
});
after(async () => {
  await s?.stop();
});
beforeEach(async () => {
  await call(`${s.api}/drafts/${SLUG}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  wire = [];
});

interface Device {
  local: MemoryStorage;
  storage: SyncedDraftStorage;
  store: DraftStore;
  client: BackendClient;
  conflicts: DraftConflict[];
  errors: unknown[];
  /** Cuts or restores the device's network. */
  online: boolean;
  /** The device's clock (epoch ms); advance it to order saves. */
  clock: { now: number };
  /** Opens the form again on this device (same local storage, fresh objects): a reload. */
  reopen(): Device;
}

function device(
  opts: {
    token?: string | null;
    local?: MemoryStorage;
    clock?: { now: number };
    debounceMs?: number;
    ttlDays?: number;
    owner?: string | null;
  } = {},
): Device {
  const local = opts.local ?? new MemoryStorage();
  const clock = opts.clock ?? { now: Date.now() };
  const tok = opts.token === undefined ? token : opts.token;
  const dev = { online: true } as Device;
  const spyFetch: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    const body = req.body ? await req.clone().text() : '';
    wire.push({ method: req.method, path: new URL(req.url).pathname, body });
    if (!dev.online) throw new TypeError('fetch failed');
    return fetch(req);
  };
  const client = createHttpClient({
    baseUrl: s.api,
    tokenProvider: async () => tok,
    fetch: spyFetch,
    retry: { retries: 0 },
  });
  const conflicts: DraftConflict[] = [];
  const errors: unknown[] = [];
  const storage = new SyncedDraftStorage({
    local,
    model: MODEL,
    client,
    ...(opts.owner !== undefined ? { owner: async () => opts.owner ?? null } : { signedIn: async () => tok !== null }),
    debounceMs: opts.debounceMs ?? 30,
    retryDelaysMs: [40],
    ttlDays: opts.ttlDays,
    now: () => clock.now,
    onConflict: (c) => conflicts.push(c),
    onError: (e) => errors.push(e),
  });
  const store = new DraftStore({ model: MODEL, storage, debounceMs: 0, ttlDays: opts.ttlDays, now: () => clock.now });
  return Object.assign(dev, {
    local,
    storage,
    store,
    client,
    conflicts,
    errors,
    clock,
    reopen: () => {
      dev.storage.dispose();
      return device({ ...opts, local, clock });
    },
  });
}

async function serverDraft(): Promise<{
  status: number;
  body: { data: Record<string, unknown>; stepId?: string; updatedAt: string; savedAt?: string };
}> {
  return call(`${s.api}/drafts/${SLUG}`, { headers: { authorization: `Bearer ${token}` } });
}

const name = (n: string) => ({ applicant: { fullName: n } });

describe('SyncedDraftStorage against the reference server', () => {
  it('sends a draft to the server and restores it on another device (answers and step)', async () => {
    const a = device();
    assert.equal(await a.store.load(), null);
    await a.store.save({ data: { ...name('NGUYỄN VĂN AN'), copies: 3 }, page: 'step', stepId: 'main' });
    await a.storage.syncNow();
    const got = await serverDraft();
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.data, { ...name('NGUYỄN VĂN AN'), copies: 3 });
    assert.equal(got.body.stepId, 'main');
    assert.equal(got.body.savedAt, new Date(a.clock.now).toISOString());

    const b = device(); // another device: empty local storage
    const restored = await b.store.load();
    assert.deepEqual(restored?.data, { ...name('NGUYỄN VĂN AN'), copies: 3 });
    assert.equal(restored?.stepId, 'main');
    assert.equal(restored?.page, 'step');
    assert.equal(restored?.savedAt, a.clock.now);
    assert.deepEqual(((await b.local.get(b.store.key)) as DraftRecord).data, restored?.data, 'kept locally too');
  });

  it('debounces: many saves in a row make one PUT', async () => {
    const a = device({ debounceMs: 60 });
    await a.store.load();
    for (let i = 1; i <= 10; i++) {
      a.clock.now += 10;
      await a.store.save({ data: { copies: i } });
    }
    await sleep(200);
    const puts = wire.filter((w) => w.method === 'PUT');
    assert.equal(puts.length, 1, `PUTs: ${puts.map((p) => p.body).join(' | ')}`);
    assert.equal(JSON.parse(puts[0].body).data.copies, 10);
    assert.equal(a.storage.status, 'idle');
  });

  it('newer wins both ways on load', async () => {
    const a = device();
    const b = device({ clock: { now: a.clock.now } });
    await a.store.load();
    await a.store.save({ data: name('A1') });
    await a.storage.syncNow();
    assert.deepEqual((await b.store.load())?.data, name('A1'));
    // B changes it later: A, reopened, takes B's copy (its own unchanged copy is older).
    b.clock.now += 60_000;
    await b.store.save({ data: name('B1') });
    await b.storage.syncNow();
    let a2 = a.reopen();
    assert.deepEqual((await a2.store.load())?.data, name('B1'), 'the server copy is newer');
    // A changes it offline: reopened online, A's copy is newer and replaces the server's.
    a2.online = false;
    a2.clock.now = b.clock.now + 60_000;
    await a2.store.save({ data: name('A2') });
    await a2.storage.syncNow();
    assert.deepEqual((await serverDraft()).body.data, name('B1'), 'nothing reached the server while offline');
    a2.storage.dispose();
    a2 = a2.reopen();
    assert.deepEqual((await a2.store.load())?.data, name('A2'), 'the local copy is newer');
    await a2.storage.syncNow();
    assert.deepEqual((await serverDraft()).body.data, name('A2'));
    // Both changed since they last synced: the later savedAt wins (here the server's, saved by B last).
    a2.online = false;
    a2.clock.now += 1000;
    await a2.store.save({ data: name('A3 offline, earlier') });
    const b2 = b.reopen();
    await b2.store.load();
    b2.clock.now = a2.clock.now + 5000;
    await b2.store.save({ data: name('B3 later') });
    await b2.storage.syncNow();
    a2.storage.dispose();
    const a3 = a2.reopen();
    assert.deepEqual((await a3.store.load())?.data, name('B3 later'));
    await a3.storage.syncNow();
    assert.deepEqual((await serverDraft()).body.data, name('B3 later'), 'the older copy was not sent');
  });

  it('a stale device does not clobber the draft saved since on another device', async () => {
    const a = device();
    const b = device({ clock: { now: a.clock.now } });
    await a.store.load();
    await a.store.save({ data: name('FIRST') });
    await a.storage.syncNow();
    await b.store.load();
    // B (the device used last) saves; A is still open with the old copy and the citizen types on it.
    b.clock.now += 1000;
    await b.store.save({ data: name('FROM PHONE'), stepId: 'main' });
    await b.storage.syncNow();
    a.clock.now += 2000;
    await a.store.save({ data: name('STALE TAB') });
    await a.storage.syncNow();
    assert.deepEqual((await serverDraft()).body.data, name('FROM PHONE'), 'the server copy was kept');
    assert.equal(wire.filter((w) => w.method === 'PUT').length, 3, 'the stale PUT was sent and refused');
    // What the citizen types on A is not replaced behind their back.
    assert.equal(a.storage.status, 'conflict');
    assert.equal(a.conflicts.length, 1);
    assert.deepEqual(a.conflicts[0].server.data, name('FROM PHONE'));
    assert.deepEqual(a.conflicts[0].local.data, name('STALE TAB'));
    assert.deepEqual((await a.store.load())?.data, name('STALE TAB'));
    // Typing on goes on locally; nothing is sent while the conflict stands.
    const before = wire.length;
    await a.store.save({ data: name('STALE TAB 2') });
    await sleep(80);
    assert.equal(wire.length, before);
    // The citizen picks the phone's copy.
    const chosen = await a.storage.resolveConflict('server');
    assert.deepEqual(chosen?.data, name('FROM PHONE'));
    assert.deepEqual(((await a.local.get(a.store.key)) as DraftRecord).data, name('FROM PHONE'));
  });

  it('keeping the tab\u2019s copy in a conflict replaces the server copy on purpose', async () => {
    const a = device();
    const b = device({ clock: { now: a.clock.now } });
    await a.store.load();
    await a.store.save({ data: name('FIRST') });
    await a.storage.syncNow();
    await b.store.load();
    await b.store.save({ data: name('PHONE') });
    await b.storage.syncNow();
    a.clock.now += 5;
    await a.store.save({ data: name('TAB') });
    await a.storage.syncNow();
    assert.equal(a.storage.status, 'conflict');
    assert.equal(await a.storage.resolveConflict('local'), null);
    assert.deepEqual((await serverDraft()).body.data, name('TAB'));
    assert.equal(a.storage.status, 'idle');
  });

  it('a save made before signing in does not replace a newer server copy', async () => {
    const phone = device();
    await phone.store.load();
    // The tab was opened earlier (older clock) and typed without comparing with the server.
    const tab = device({ clock: { now: phone.clock.now - 60_000 } });
    phone.clock.now += 1;
    await phone.store.save({ data: name('PHONE, LATER') });
    await phone.storage.syncNow();
    await tab.store.save({ data: name('TAB, EARLIER') });
    await tab.storage.syncNow();
    assert.deepEqual((await serverDraft()).body.data, name('PHONE, LATER'));
    assert.equal(tab.storage.status, 'conflict');
  });

  it('offline then online: the change is kept locally and sent when the network is back', async () => {
    const a = device();
    await a.store.load();
    a.online = false;
    await a.store.save({ data: name('TYPED ON THE BUS') });
    await a.storage.syncNow();
    assert.equal(a.storage.status, 'offline');
    assert.equal((await serverDraft()).status, 404);
    assert.deepEqual((await a.store.load())?.data, name('TYPED ON THE BUS'), 'the local copy is intact');
    a.online = true;
    // The retry timer (40 ms here) sends it without any further save.
    for (let i = 0; i < 50 && (await serverDraft()).status !== 200; i++) await sleep(20);
    assert.deepEqual((await serverDraft()).body.data, name('TYPED ON THE BUS'));
    await sleep(20);
    assert.equal(a.storage.status, 'idle');
    assert.equal(((await a.local.get(a.store.key)) as DraftRecord).sync?.dirty, false);
  });

  it('offline at load: the local copy is used and sent later', async () => {
    const a = device();
    await a.store.load();
    a.online = false;
    await a.store.save({ data: name('LOCAL') });
    const a2 = a.reopen();
    a2.online = false;
    assert.deepEqual((await a2.store.load())?.data, name('LOCAL'));
    a2.online = true;
    await a2.storage.syncNow();
    assert.deepEqual((await serverDraft()).body.data, name('LOCAL'));
  });

  it('never sends x-sensitive fields', async () => {
    const a = device();
    await a.store.load();
    // Straight through the storage too, not only through DraftStore (which strips them already).
    const rec: DraftRecord = {
      format: 1,
      slug: SLUG,
      procedureVersion: MODEL.procedure.version,
      savedAt: a.clock.now,
      expiresAt: a.clock.now + 1e9,
      data: { applicant: { fullName: 'NGUYỄN VĂN AN', idNumber: ID, dateOfBirth: '1990-01-15' } },
    };
    await a.storage.set(a.store.key, rec);
    await a.storage.syncNow();
    await a.store.save({ data: { applicant: { fullName: 'NGUYỄN VĂN AN', idNumber: ID } } });
    await a.storage.syncNow();
    const puts = wire.filter((w) => w.method === 'PUT');
    assert.equal(puts.length, 2);
    for (const w of wire) assert.ok(!w.body.includes(ID), `request ${w.method} ${w.path} carried the ID number`);
    const got = await serverDraft();
    assert.deepEqual(got.body.data, { applicant: { fullName: 'NGUYỄN VĂN AN' } });
    assert.ok(!JSON.stringify(got.body).includes(ID));
  });

  it('anonymous citizens send nothing to the server', async () => {
    const a = device({ token: null });
    assert.equal(await a.store.load(), null);
    await a.store.save({ data: name('ANONYMOUS') });
    await a.storage.syncNow();
    await sleep(80);
    assert.deepEqual((await a.store.load())?.data, name('ANONYMOUS'), 'the local draft works');
    await a.store.clear();
    assert.deepEqual(wire, []);
    assert.equal((await serverDraft()).status, 404);
  });

  it('deletes the server copy on "start again" and once the dossier is filed', async () => {
    const a = device();
    await a.store.load();
    await a.store.save({ data: name('X') });
    await a.storage.syncNow();
    assert.equal((await serverDraft()).status, 200);
    await a.store.clear();
    assert.equal((await serverDraft()).status, 404);
    await a.store.save({ data: name('Y') });
    await a.storage.syncNow();
    assert.equal((await serverDraft()).status, 200);
    // Submitted (the payment page keeps a local record with the receipt): the server copy goes, never comes back.
    await a.store.save({ data: name('Y'), receipt: { code: 'X-1' }, page: 'payment' });
    assert.equal((await serverDraft()).status, 404);
    await a.storage.syncNow();
    await sleep(60);
    assert.equal((await serverDraft()).status, 404);
    assert.equal((await a.store.load())?.page, 'payment', 'the local record stays for the payment page');
  });

  it('a draft discarded on another device is not brought back by a device that had synced it', async () => {
    const a = device();
    const b = device({ clock: { now: a.clock.now } });
    await a.store.load();
    await a.store.save({ data: name('OLD') });
    await a.storage.syncNow();
    await b.store.load();
    await b.store.clear();
    const a2 = a.reopen();
    assert.equal(await a2.store.load(), null);
    assert.deepEqual(a2.local.keys(), []);
    await a2.storage.syncNow();
    assert.equal((await serverDraft()).status, 404);
  });

  it('"start again" while offline deletes the server copy when back online', async () => {
    const a = device();
    await a.store.load();
    await a.store.save({ data: name('TO DISCARD') });
    await a.storage.syncNow();
    a.online = false;
    await a.store.clear();
    assert.equal((await serverDraft()).status, 200);
    a.online = true;
    for (let i = 0; i < 50 && (await serverDraft()).status !== 404; i++) await sleep(20);
    assert.equal((await serverDraft()).status, 404);
  });

  it('ignores an expired server copy', async () => {
    const a = device({ ttlDays: 2 });
    await a.store.load();
    await a.store.save({ data: name('OLD') });
    await a.storage.syncNow();
    const b = device({ ttlDays: 2, clock: { now: a.clock.now + 3 * 86_400_000 } });
    assert.equal(await b.store.load(), null);
  });
});

describe('SyncedDraftStorage on a device several citizens use (owner)', () => {
  const OTHER = 'dev-citizen-002';
  let otherToken: string;
  before(async () => {
    otherToken = await devToken(s.api, OTHER);
  });
  beforeEach(async () => {
    await call(`${s.api}/drafts/${SLUG}`, { method: 'DELETE', headers: { authorization: `Bearer ${otherToken}` } });
  });
  const otherDraft = () => call(`${s.api}/drafts/${SLUG}`, { headers: { authorization: `Bearer ${otherToken}` } });

  it('a citizen who signs in after another on the same device neither sees nor uploads the other\u2019s draft', async () => {
    const local = new MemoryStorage();
    const first = device({ local, owner: 'dev-citizen-001' });
    await first.store.load();
    await first.store.save({ data: name('NGƯỜI THỨ') });
    await first.storage.syncNow();
    // A last change not yet sent (the tab was closed within the quiet period, or the network dropped).
    first.clock.now += 1000;
    await first.store.save({ data: name('NGƯỜI THỨ NHẤT') });
    first.storage.dispose();
    wire = [];

    const second = device({ local, token: otherToken, owner: OTHER });
    assert.equal(await second.store.load(), null, 'the second citizen starts with an empty form');
    await second.store.save({ data: name('NGƯỜI THỨ HAI') });
    await second.storage.syncNow();
    assert.deepEqual((await otherDraft()).body.data, name('NGƯỜI THỨ HAI'));
    assert.ok(
      !wire.some((w) => w.body.includes('THỨ NHẤT')),
      'nothing of the first citizen\u2019s draft went out while the second was signed in',
    );
    second.storage.dispose();

    const back = device({ local, owner: 'dev-citizen-001' });
    assert.deepEqual((await back.store.load())?.data, name('NGƯỜI THỨ NHẤT'), 'the first citizen finds their own draft again');
    await back.storage.syncNow();
    assert.deepEqual((await serverDraft()).body.data, name('NGƯỜI THỨ NHẤT'), 'and their unsent change reaches their own account');
    const keys = local.keys();
    assert.ok(
      keys.every((k) => !k.includes('dev-citizen')),
      `the citizen ids are not stored in clear: ${keys.join(', ')}`,
    );
  });

  it('a draft typed before signing in is taken over by the citizen who signs in, and only by them', async () => {
    const local = new MemoryStorage();
    const anon = device({ local, token: null, owner: null });
    await anon.store.load();
    await anon.store.save({ data: name('GÕ TRƯỚC KHI ĐĂNG NHẬP') });
    anon.storage.dispose();
    assert.equal(wire.length, 0, 'nothing sent before signing in');

    const signedIn = device({ local, owner: 'dev-citizen-001' });
    assert.deepEqual((await signedIn.store.load())?.data, name('GÕ TRƯỚC KHI ĐĂNG NHẬP'));
    await signedIn.storage.syncNow();
    assert.deepEqual((await serverDraft()).body.data, name('GÕ TRƯỚC KHI ĐĂNG NHẬP'));
    signedIn.storage.dispose();

    const someoneElse = device({ local, token: otherToken, owner: OTHER });
    assert.equal(await someoneElse.store.load(), null, 'already taken over: another citizen does not get it');
    assert.equal((await otherDraft()).status, 404);
  });
});

describe('tokenOwner', () => {
  it('reads the issuer and subject of a JWT, null without a token, one shared slot for an opaque token', async () => {
    const a = tokenOwner(token);
    assert.match(a ?? '', / dev-citizen-001$/);
    assert.equal(tokenOwner(await devToken(s.api, 'dev-citizen-001')), a, 'stable across tokens of one citizen');
    assert.notEqual(tokenOwner(await devToken(s.api, 'dev-citizen-002')), a);
    assert.equal(tokenOwner(null), null);
    assert.equal(tokenOwner(''), null);
    assert.equal(tokenOwner('opaque-session-token'), 'signed-in');
  });
});

describe('PUT /drafts/{slug} with baseUpdatedAt', () => {
  const auth = () => ({ authorization: `Bearer ${token}` });
  it('replaces only the draft the client started from', async () => {
    const url = `${s.api}/drafts/${SLUG}`;
    const first = await call(url, { method: 'PUT', body: { version: '1.2.0', data: { copies: 1 }, baseUpdatedAt: null }, headers: auth() });
    assert.equal(first.status, 200);
    const again = await call(url, { method: 'PUT', body: { version: '1.2.0', data: { copies: 9 }, baseUpdatedAt: null }, headers: auth() });
    assert.equal(again.status, 409, 'null base: a draft exists already');
    const second = await call(url, {
      method: 'PUT',
      body: { version: '1.2.0', data: { copies: 2 }, baseUpdatedAt: first.body.updatedAt },
      headers: auth(),
    });
    assert.equal(second.status, 200);
    assert.ok(second.body.updatedAt > first.body.updatedAt, 'every save moves updatedAt forward');
    const stale = await call(url, {
      method: 'PUT',
      body: { version: '1.2.0', data: { copies: 3 }, baseUpdatedAt: first.body.updatedAt },
      headers: auth(),
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.headers.get('content-type')?.split(';')[0], 'application/problem+json');
    assert.deepEqual((await serverDraft()).body.data, { copies: 2 });
    const bad = await call(url, { method: 'PUT', body: { version: '1.2.0', data: {}, baseUpdatedAt: 'yesterday' }, headers: auth() });
    assert.equal(bad.status, 422);
    assert.ok(JSON.stringify(bad.body.errors).includes('baseUpdatedAt'), JSON.stringify(bad.body));
    const plain = await call(url, { method: 'PUT', body: { version: '1.2.0', data: { copies: 4 } }, headers: auth() });
    assert.equal(plain.status, 200, 'without baseUpdatedAt: unconditional, as before');
  });
});
