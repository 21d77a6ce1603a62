/**
 * Production mode refuses every development default (issue 7, items 2 and 9): `loadConfig`,
 * `createServer` (a config built by hand) and `npm run server` itself.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { generateKeyPair, exportSPKI } from 'jose';
import { createServer } from '../../../server/src/app.js';
import { ConfigError, loadConfig, productionProblems, PRODUCTION_RULES, type ServerConfig } from '../../../server/src/config.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every setting production needs, with real-looking values. */
async function productionEnv(): Promise<Record<string, string>> {
  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    NODE_ENV: 'production',
    VIETQR_NOTIFY_SECRET: 'n'.repeat(16) + 'QkL9xv2Zr7TbW1pA',
    VNPAY_SECURE_SECRET: 'S'.repeat(8) + 'ABCDEFGHIJKLMNOPQRSTUVWX',
    VNPAY_TMN_CODE: 'HCMDVC01',
    VNPAY_HOST: 'https://pay.vnpay.vn',
    VIETQR_ACCOUNT_NUMBER: '1023456789',
    JWT_ISSUER: 'https://sso.dichvucong.gov.vn',
    JWT_PUBLIC_KEY: await exportSPKI(publicKey),
    PUBLIC_ORIGIN: 'https://dichvucong.example.gov.vn',
  };
}

const SETTINGS = [
  'VIETQR_NOTIFY_SECRET',
  'VNPAY_SECURE_SECRET',
  'VNPAY_TMN_CODE',
  'VIETQR_ACCOUNT_NUMBER',
  'DEV_IDP',
  'JWT_ISSUER',
  'JWT_JWKS_URL',
  'PUBLIC_ORIGIN',
];

describe('server: production mode refuses development defaults', () => {
  for (const nodeEnv of ['production', 'Production', 'PRODUCTION']) {
    it(`loadConfig with NODE_ENV=${nodeEnv} and the defaults throws a ConfigError naming every setting`, () => {
      let err: unknown;
      try {
        loadConfig({ NODE_ENV: nodeEnv, DEV_IDP: '1' }, ROOT);
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
      for (const setting of SETTINGS) assert.match(err.message, new RegExp(`\\b${setting}\\b`), `${setting} named`);
    });
  }

  it('development mode still starts with the defaults', () => {
    assert.doesNotThrow(() => loadConfig({ DEV_IDP: '1' }, ROOT));
    assert.doesNotThrow(() => loadConfig({ NODE_ENV: 'development' }, ROOT));
  });

  it('with every setting set, production loads; each missing one is named alone', async () => {
    const env = await productionEnv();
    const config = loadConfig(env, ROOT);
    assert.equal(config.production, true);
    assert.deepEqual(productionProblems(config), []);
    const cases: Array<[string, Record<string, string | undefined>]> = [
      ['VIETQR_NOTIFY_SECRET', { VIETQR_NOTIFY_SECRET: undefined }],
      ['VIETQR_NOTIFY_SECRET', { VIETQR_NOTIFY_SECRET: 'short-secret' }],
      ['VNPAY_SECURE_SECRET', { VNPAY_SECURE_SECRET: undefined }],
      ['VNPAY_SECURE_SECRET', { VNPAY_SECURE_SECRET: 'ABCDEFGH' }],
      ['VNPAY_TMN_CODE', { VNPAY_TMN_CODE: undefined }],
      ['VNPAY_HOST', { VNPAY_HOST: undefined }],
      ['VIETQR_ACCOUNT_NUMBER', { VIETQR_ACCOUNT_NUMBER: undefined }],
      ['DEV_IDP', { DEV_IDP: '1' }],
      ['JWT_ISSUER', { JWT_ISSUER: undefined }],
      ['JWT_JWKS_URL', { JWT_PUBLIC_KEY: undefined }],
      ['PUBLIC_ORIGIN', { PUBLIC_ORIGIN: undefined }],
    ];
    for (const [setting, change] of cases) {
      const e: Record<string, string | undefined> = { ...env, ...change };
      assert.throws(
        () => loadConfig(e, ROOT),
        (err: unknown) =>
          err instanceof ConfigError &&
          err.message.includes(setting) &&
          err.message.split('\n').filter((l) => l.startsWith('  - ')).length === 1,
        `${JSON.stringify(change)} refused, naming ${setting} only`,
      );
    }
    assert.throws(() => loadConfig({ ...env, VIETQR_NOTIFY_SECRET: 'short' }, ROOT), /too short/);
  });

  it('the rules are one exported list: one more rule is one more entry', async () => {
    const config = loadConfig(await productionEnv(), ROOT);
    const extra = [...PRODUCTION_RULES, () => ({ setting: 'SOMETHING_ELSE', problem: 'not set' })];
    assert.deepEqual(productionProblems(config, extra), ['SOMETHING_ELSE: not set']);
  });

  it('createServer refuses a hand-built config with DEV_IDP (production flag, or the process NODE_ENV)', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dvc-prod-'));
    try {
      const dev = loadConfig({ DEV_IDP: '1' }, root);
      const prodEnvConfig = loadConfig(await productionEnv(), root);
      const handMade: ServerConfig = { ...prodEnvConfig, devIdp: true };
      await assert.rejects(createServer(handMade), (err: unknown) => err instanceof ConfigError && /DEV_IDP/.test(err.message));
      // A config built without the flag, in a process whose NODE_ENV says production.
      const saved = process.env.NODE_ENV;
      process.env.NODE_ENV = 'Production';
      try {
        await assert.rejects(
          createServer({ ...dev, production: undefined }),
          (err: unknown) => err instanceof ConfigError && /DEV_IDP/.test(err.message) && /VIETQR_NOTIFY_SECRET/.test(err.message),
        );
        await assert.rejects(createServer({ ...dev, production: false }), ConfigError);
      } finally {
        if (saved === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = saved;
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  for (const nodeEnv of ['production', 'Production']) {
    it(`NODE_ENV=${nodeEnv} npm run server without real secrets exits non-zero naming the settings`, { timeout: 120_000 }, async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'dvc-prod-main-'));
      try {
        const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: nodeEnv, DEV_IDP: '1', DATA_DIR: root, PORT: '0' };
        for (const k of [
          'VIETQR_NOTIFY_SECRET',
          'VNPAY_SECURE_SECRET',
          'VNPAY_TMN_CODE',
          'VIETQR_ACCOUNT_NUMBER',
          'JWT_ISSUER',
          'JWT_JWKS_URL',
          'JWT_PUBLIC_KEY',
          'DATABASE_URL',
        ])
          delete env[k];
        const child = spawn(process.execPath, ['--conditions=dvc-source', '--import', 'tsx', 'server/src/main.ts'], {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        let stdout = '';
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
        const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
        assert.notEqual(code, 0, `the server started: ${stdout}`);
        assert.equal(code, 2);
        assert.match(stderr, /Configuration error: NODE_ENV=production: refusing to start/);
        for (const setting of SETTINGS) assert.match(stderr, new RegExp(`\\b${setting}\\b`), `${setting} named in: ${stderr}`);
        assert.doesNotMatch(stdout, /server ready/);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    });
  }
});
