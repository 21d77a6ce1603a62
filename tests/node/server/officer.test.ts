import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { TRANSITIONS } from '../../../server/src/officers.js';
import { WorkingCalendar } from '../../../server/src/calendar.js';
import { MODEL, validData } from './fixtures/procedure.js';
import { call, devToken, startServer, submit, type TestServer } from './helpers.js';

const APPLICANT = validData(1).applicant as { fullName: string; idNumber: string };

describe('server: officer API', () => {
  let s: TestServer;
  let citizen: string;
  let officer: string;
  let otherAgency: string;
  let clock = Date.parse('2026-03-02T02:00:00Z');
  const tick = (minutes: number): void => {
    clock += minutes * 60_000;
  };

  before(async () => {
    s = await startServer({ now: () => new Date(clock) });
    citizen = await devToken(s.api, 'dev-citizen-001');
    officer = await devToken(s.api, 'dev-officer-001');
    otherAgency = await devToken(s.api, 'dev-officer-other');
  });
  after(async () => s.stop());

  const fresh = async (): Promise<string> => {
    const r = await submit(s.api, validData(1), { token: citizen });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.code as string;
  };
  const move = (code: string, body: Record<string, unknown>, token: string | null = officer) =>
    call(`${s.api}/officer/dossiers/${code}/transitions`, {
      body,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('the dev issuer lists its sample officers', async () => {
    const r = await call(`${s.api}/dev-idp/officers`);
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.body.map((o: { sub: string; agency: string }) => [o.sub, o.agency]),
      [
        ['dev-officer-001', '000.00.00.H30'],
        ['dev-officer-other', '000.00.00.H29'],
      ],
    );
  });

  it('no token is 401, a citizen token 403, an officer of another agency 403', async () => {
    const code = await fresh();
    const none = await move(code, { status: 'received' }, null);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    const asCitizen = await move(code, { status: 'received' }, citizen);
    assert.equal(asCitizen.status, 403);
    assert.match(asCitizen.body.detail, /officer/);
    const other = await move(code, { status: 'received' }, otherAgency);
    assert.equal(other.status, 403);
    assert.match(other.body.detail, /000\.00\.00\.H30/);
    assert.match(other.body.detail, /000\.00\.00\.H29/);
    for (const t of [null, citizen, otherAgency]) {
      const view = await call(`${s.api}/officer/dossiers/${code}`, { headers: t ? { authorization: `Bearer ${t}` } : {} });
      assert.equal(view.status, t === null ? 401 : 403);
    }
    const list = await call(`${s.api}/officer/dossiers`, { headers: { authorization: `Bearer ${citizen}` } });
    assert.equal(list.status, 403);
    // Nothing changed.
    const pub = await call(`${s.api}/dossiers/${code}`);
    assert.equal(pub.body.status, 'submitted');
    assert.equal(pub.body.history.length, 1);
  });

  it('a token with the scope but no agency claim is 403; a forged officer token is 401', async () => {
    const code = await fresh();
    const dev = s.app.ctx.dev!;
    const noAgency = await dev.sign('officer-x', { scope: 'openid dvc-forms:officer' });
    const r = await move(code, { status: 'received' }, noAgency);
    assert.equal(r.status, 403);
    assert.match(r.body.detail, /"agency" claim/);
    // `scp` as an array is accepted too.
    const scp = await dev.sign('officer-y', { scp: ['dvc-forms:officer'], agency: '000.00.00.H30' });
    assert.equal((await move(code, { status: 'received' }, scp)).status, 200);
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ scope: 'dvc-forms:officer', agency: '000.00.00.H30' })
      .setProtectedHeader({ alg: 'ES256', kid: dev.kid })
      .setIssuer('urn:dvc-forms:dev-idp')
      .setAudience('dvc-forms')
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(privateKey);
    assert.equal((await move(code, { status: 'processing' }, forged)).status, 401);
  });

  it('moves a dossier through its statuses; the history is ordered and the public lookup follows', async () => {
    const code = await fresh();
    const steps: Array<[string, Record<string, unknown> | undefined]> = [
      ['received', undefined],
      ['supplement-requested', { vi: 'Bổ sung bản sao giấy khai sinh.', en: 'Add a copy of the birth certificate.' }],
      ['processing', undefined],
      ['result-ready', { vi: 'Mời nhận kết quả tại Bộ phận một cửa.' }],
      ['completed', undefined],
    ];
    const stamps: string[] = [];
    for (const [status, note] of steps) {
      tick(30);
      stamps.push(new Date(clock).toISOString());
      const r = await move(code, { status, ...(note ? { note } : {}) });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.status, status);
      assert.deepEqual(r.body.allowedTransitions, TRANSITIONS[status as keyof typeof TRANSITIONS]);
      assert.equal(r.headers.get('cache-control'), 'no-store, private');
    }
    const pub = await call(`${s.api}/dossiers/${code}`);
    assert.equal(pub.status, 200);
    assert.equal(pub.body.status, 'completed');
    assert.deepEqual(
      pub.body.history.map((h: { status: string }) => h.status),
      ['submitted', 'received', 'supplement-requested', 'processing', 'result-ready', 'completed'],
    );
    const times = pub.body.history.map((h: { at: string }) => Date.parse(h.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.deepEqual(
      pub.body.history.slice(1).map((h: { at: string }) => h.at),
      stamps,
      'each entry has the time of its change',
    );
    assert.deepEqual(pub.body.history[2].note, { vi: 'Bổ sung bản sao giấy khai sinh.', en: 'Add a copy of the birth certificate.' });
    assert.equal(pub.body.history[1].note, undefined);
    // The officer's view names who made each change.
    const full = await call(`${s.api}/officer/dossiers/${code}`, { headers: { authorization: `Bearer ${officer}` } });
    assert.equal(full.status, 200);
    assert.equal(full.body.history[0].officer, undefined, 'the submission is the citizen’s own');
    assert.deepEqual(full.body.history[1].officer, { sub: 'dev-officer-001', agency: '000.00.00.H30' });
    assert.equal(full.body.data.applicant.fullName, APPLICANT.fullName);
    assert.deepEqual(full.body.filedBy, { sub: 'dev-citizen-001' });
    assert.deepEqual(full.body.allowedTransitions, []);
  });

  it('each change is stamped with the server clock, never earlier than the previous entry', async () => {
    const code = await fresh();
    tick(10);
    const at1 = new Date(clock).toISOString();
    await move(code, { status: 'received' });
    tick(-60); // a server whose clock is behind
    await move(code, { status: 'processing' });
    tick(60);
    const pub = await call(`${s.api}/dossiers/${code}`);
    assert.equal(pub.body.history[1].at, at1);
    assert.equal(pub.body.history[2].at, at1, 'clamped to the previous entry');
    assert.deepEqual(
      pub.body.history.map((h: { status: string }) => h.status),
      ['submitted', 'received', 'processing'],
    );
  });

  it('receiving the completed dossier after a request for documents restarts the processing time', async () => {
    const code = await fresh();
    const first = (await call(`${s.api}/dossiers/${code}`)).body.appointmentDate as string;
    tick(5);
    assert.equal((await move(code, { status: 'supplement-requested', note: { vi: 'Bổ sung bản sao giấy khai sinh.' } })).status, 200);
    tick(9 * 24 * 60); // the citizen brings the document nine days later
    assert.equal((await move(code, { status: 'processing' })).status, 200);
    const again = (await call(`${s.api}/dossiers/${code}`)).body.appointmentDate as string;
    const expected = new WorkingCalendar().appointmentDate(new Date(clock), MODEL.procedure.processingTime.workingDays, 15);
    assert.equal(again, expected);
    assert.ok(again > first, `${again} is after ${first}`);
    // Other moves leave the date alone.
    tick(60);
    await move(code, { status: 'result-ready' });
    assert.equal((await call(`${s.api}/dossiers/${code}`)).body.appointmentDate, expected);
  });

  it('an illegal transition is 409 naming the current and the requested status', async () => {
    const code = await fresh();
    const r = await move(code, { status: 'result-ready' });
    assert.equal(r.status, 409);
    assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(r.body.type, 'https://dvc-forms.dev/problems/illegal-transition');
    assert.equal(r.body.currentStatus, 'submitted');
    assert.equal(r.body.requestedStatus, 'result-ready');
    assert.deepEqual(r.body.allowedTransitions, ['received', 'supplement-requested', 'rejected', 'withdrawn']);
    assert.match(r.body.detail, /"submitted".*"result-ready"/);
    // The same status again, and out of a final status.
    assert.equal((await move(code, { status: 'submitted' })).status, 409);
    tick(1);
    assert.equal((await move(code, { status: 'rejected', note: { vi: 'Không thuộc thẩm quyền.' } })).status, 200);
    const final = await move(code, { status: 'received' });
    assert.equal(final.status, 409);
    assert.match(final.body.detail, /"rejected" is final/);
    const pub = await call(`${s.api}/dossiers/${code}`);
    assert.deepEqual(
      pub.body.history.map((h: { status: string }) => h.status),
      ['submitted', 'rejected'],
    );
  });

  it('refusing or asking for documents needs a note; bad bodies are 422 with pointers', async () => {
    const code = await fresh();
    for (const status of ['rejected', 'supplement-requested']) {
      const r = await move(code, { status });
      assert.equal(r.status, 422);
      assert.deepEqual(
        r.body.errors.map((e: { pointer: string }) => e.pointer),
        ['/note'],
      );
    }
    const bad = await move(code, { status: 'archived' });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.errors.some((e: { pointer: string }) => e.pointer === '/status'));
    const noVi = await move(code, { status: 'received', note: { en: 'only English' } });
    assert.equal(noVi.status, 422);
    assert.ok(noVi.body.errors.some((e: { pointer: string }) => e.pointer === '/note/vi'));
    const unknown = await move('000.00.00.H30-990101-9999', { status: 'received' });
    assert.equal(unknown.status, 404);
  });

  it('a refused or withdrawn dossier cannot be paid any more (409)', async () => {
    for (const [status, note] of [
      ['rejected', { vi: 'Không đủ điều kiện.' }],
      ['withdrawn', undefined],
    ] as const) {
      const code = await fresh();
      tick(1);
      assert.equal((await move(code, { status, ...(note ? { note } : {}) })).status, 200);
      const pay = await call(`${s.api}/dossiers/${code}/payments`, {
        body: { method: 'counter' },
        headers: { authorization: `Bearer ${citizen}` },
      });
      assert.equal(pay.status, 409, JSON.stringify(pay.body));
      assert.match(pay.body.detail, new RegExp(status));
    }
  });

  it('expectedStatus guards against two officers acting at once', async () => {
    const code = await fresh();
    tick(1);
    // Both decide on the dossier as they saw it ("submitted") and send at the same moment.
    const [accept, refuse] = await Promise.all([
      move(code, { status: 'received', expectedStatus: 'submitted' }),
      move(code, { status: 'rejected', note: { vi: 'Không đủ điều kiện.' }, expectedStatus: 'submitted' }),
    ]);
    assert.deepEqual([accept.status, refuse.status].sort(), [200, 409], JSON.stringify([accept.body, refuse.body]));
    const [won, lost] = accept.status === 200 ? [accept, refuse] : [refuse, accept];
    const wonStatus = won === accept ? 'received' : 'rejected';
    assert.equal(lost.body.currentStatus, wonStatus);
    assert.equal(lost.body.expectedStatus, 'submitted');
    // Only the winner's change is recorded.
    const pub = await call(`${s.api}/dossiers/${code}`);
    assert.equal(pub.body.status, wonStatus);
    assert.deepEqual(
      pub.body.history.map((h: { status: string }) => h.status),
      ['submitted', wonStatus],
    );
  });

  it('the public lookup never shows officer identity or personal data', async () => {
    const code = await fresh();
    tick(1);
    await move(code, { status: 'received', note: { vi: 'Đã tiếp nhận.' } });
    const pub = await call(`${s.api}/dossiers/${code}`);
    const text = JSON.stringify(pub.body);
    for (const secret of ['dev-officer-001', 'dev-citizen-001', APPLICANT.fullName, APPLICANT.idNumber, 'officer', 'filedBy']) {
      assert.ok(!text.includes(secret), `the public view shows "${secret}"`);
    }
    assert.deepEqual(Object.keys(pub.body.history[1]).sort(), ['at', 'note', 'status']);
    assert.equal(pub.body.data, undefined);
  });

  it('lists the agency’s dossiers by status, newest first, with a cursor', async () => {
    const codes = [await fresh(), await fresh(), await fresh()];
    tick(1);
    await move(codes[1], { status: 'received' });
    const auth = { authorization: `Bearer ${officer}` };
    const received = await call(`${s.api}/officer/dossiers?status=received,processing`, { headers: auth });
    assert.equal(received.status, 200);
    assert.ok(received.body.items.some((d: { code: string }) => d.code === codes[1]));
    assert.ok(received.body.items.every((d: { status: string }) => ['received', 'processing'].includes(d.status)));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(`${s.api}/officer/dossiers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth });
      assert.equal(page.status, 200);
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((d: { code: string }) => d.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length, 'no dossier twice across pages');
    for (const c of codes) assert.ok(seen.includes(c));
    assert.deepEqual(seen.slice(0, 3), [...codes].reverse(), 'newest first');
    const other = await call(`${s.api}/officer/dossiers`, { headers: { authorization: `Bearer ${otherAgency}` } });
    assert.equal(other.status, 200);
    assert.deepEqual(other.body.items, [], 'another agency sees none of these');
    assert.equal((await call(`${s.api}/officer/dossiers?status=archived`, { headers: auth })).status, 400);
    assert.equal((await call(`${s.api}/officer/dossiers?cursor=bm9wZQ`, { headers: auth })).status, 400);
  });
});
