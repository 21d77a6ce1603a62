#!/usr/bin/env node
// `npm test` and `.ci/run`: set up what is missing, build, run every suite, and print as the LAST line
//
//     N passed, N failed, N skipped
//
// summed over all suites (a plain sum of the suites' own counts). The exit code is non-zero when anything
// failed. The line before it says how many distinct test bodies ran, since that sum counts a test once per
// run: a loop, a shared suite (tests/browser/components/control-suite.ts) or the postgres re-run of the
// server tests multiplies it (about 2x). Counted as distinct:
//   node:test suites (node, e2e, postgres, stories)  source locations (file:line:column of the test() call,
//                    scripts/lib/test-bodies-reporter.mjs), over all of them: a loop, a shared helper and a
//                    test run again by the postgres suite count once;
//   browser          (test file, test title) pairs from the web-test-runner summary, the title without its
//                    describe path: constant-title loops and a shared suite count once per test file;
//   build, typecheck, lint, format, storybook  1 each;  conformance  its checks (each runs once);  python  the kit's checks,
//                    its own tests and the test vectors it ran.
// Skipped tests are not counted; failed ones are.
//
// Set-up (fresh machine): `npm ci` when node_modules is missing or stale; Debian's `chromium`,
// `postgresql`, `python3-jsonschema` and `python3-regex` via apt-get when missing (as root). Then, each suite
// counted:
//   build        scripts/build.mjs (1 test)
//   typecheck    tsc --noEmit (1 test)
//   lint         eslint . with no warning (1 test)
//   format       prettier --check . (1 test)
//   node         tests/node/**/*.test.ts (node:test; PGlite for the server tests)
//   browser      tests/browser/**/*.test.ts (@web/test-runner, headless Chromium)
//   e2e          tests/e2e/**/*.test.ts (node:test + playwright-core)
//   postgres     tests/node/server/**/*.test.ts again, against a throwaway PostgreSQL cluster
//   storybook    npm run storybook:build (1 test)
//   stories      axe over every story of that build (tests/stories)
//   conformance  the conformance kit against a started reference server
//   python       the Python back end (examples/backend-python, Debian's /usr/bin/python3): the conformance kit
//                against it with two citizens' HS256 tokens, examples/backend-python/test_server.py (tokens,
//                drafts, the bank's VietQR notification), and examples/backend-python/vectors.py over
//                dist/procedures/<slug>/vectors.json when those files exist (each case judged in process
//                and answered over HTTP: the 422's errors and the fee quote)
// Every one of these suites is part of this repository, so a suite that vanishes fails: a suite counts as
// failed (1 failed) when its directory or configuration is missing, when it finds no test files, when it
// crashes or times out, and when it reports no passed and no failed test (0 tests, or all skipped). Full
// logs go to .tmp/test-logs/<suite>.log; a failing suite's tail is printed.
//
// Options: --only=<suite,...>  run only these suites, named as above (set-up still runs; build and
//                              storybook run only when listed, except that stories builds the Storybook);
//          --skip-install      do not install anything;  --skip-build  use the existing build;
//          --verbose           stream every suite's output.
//
// Node built-ins only at the top: this file runs before `npm ci`.
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import {
  bin,
  chromiumPath,
  ensureDebianPackages,
  ensureNodeModules,
  freePort,
  pythonPath,
  pythonReady,
  root,
  run,
  start,
  say,
  waitForHttp,
} from './lib/env.mjs';
import { startPostgres } from './lib/postgres.mjs';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  const text = readFileSync(new URL(import.meta.url), 'utf8');
  process.stdout.write(`${text.slice(text.indexOf('\n') + 1, text.indexOf('// Node built-ins only')).replace(/^\/\/ ?/gm, '')}`);
  process.exit(0);
}
const known = ['only', 'skip-install', 'skip-build', 'verbose'];
const unknown = argv.filter((a) => !known.includes(a.replace(/^--/, '').split('=')[0] ?? ''));
if (unknown.length > 0) {
  process.stderr.write(`test: unknown option ${unknown.join(' ')} (try --help)\n`);
  process.exit(2);
}
const flag = (name) => argv.includes(`--${name}`);
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter(Boolean);
const verbose = flag('verbose');
/** Every suite this repository has; `--only=` takes names from this list. */
const SUITES = [
  'build',
  'typecheck',
  'lint',
  'format',
  'node',
  'browser',
  'e2e',
  'postgres',
  'storybook',
  'stories',
  'conformance',
  'python',
];
const unknownSuites = (only ?? []).filter((name) => !SUITES.includes(name));
if (unknownSuites.length > 0 || (only && only.length === 0)) {
  process.stderr.write(`test: --only= takes suite names from: ${SUITES.join(', ')} (got ${unknownSuites.join(', ') || 'none'})\n`);
  process.exit(2);
}
const wanted = (name) => !only || only.includes(name);

const started = Date.now();
/** Everything must finish well inside CI's 90 minutes; every suite's time limit is cut to what is left. */
const deadline = started + 80 * 60_000;
const budget = (maxMinutes) => Math.max(60_000, Math.min(maxMinutes * 60_000, deadline - Date.now()));

const logDir = join(root, '.tmp', 'test-logs');
rmSync(logDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });
const logOf = (suite) => join(logDir, `${suite}.log`);

/** @typedef {{ passed: number, failed: number, skipped: number, note?: string }} Counts */
/** @type {Array<{ suite: string } & Counts & { seconds: number }>} */
const results = [];

/** Keys of the distinct test bodies that ran (see the header): `loc:` source locations, `web:` file + title, … */
const bodies = new Set();

/** Records a suite's counts and prints its line (and the tail of its log when it failed). */
function report(suite, counts, ms) {
  // A suite that ran nothing proves nothing: 0 passed and 0 failed (no test at all, or every test skipped)
  // is a failure, so that a suite whose tests vanish cannot leave the closing line green.
  if (counts.passed === 0 && counts.failed === 0) {
    counts = { ...counts, failed: 1, note: counts.note ?? `no test ran (0 passed, 0 failed, ${counts.skipped} skipped)` };
  }
  const seconds = ms / 1000;
  results.push({ suite, ...counts, seconds });
  const status = counts.failed > 0 ? 'FAIL' : 'ok  ';
  const time = ms > 0 ? `  (${seconds.toFixed(1)}s)` : '';
  say(
    `[${status}] ${suite.padEnd(12)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${time}` +
      (counts.note ? `  — ${counts.note}` : ''),
  );
  if (counts.failed > 0 && existsSync(logOf(suite)) && !verbose) {
    const lines = readFileSync(logOf(suite), 'utf8').trimEnd().split('\n');
    const tail = lines.slice(-60);
    say(`       ---- last ${tail.length} lines of ${relative(root, logOf(suite))} ----`);
    for (const l of tail) say(`       | ${l}`);
  }
}

/** A suite that cannot run at all (its directory or configuration is missing): 1 failed. */
const missing = (suite, note) => report(suite, { passed: 0, failed: 1, skipped: 0, note }, 0);

/**
 * The test files of a suite, or `null` after reporting it failed because `dir` is missing or holds no
 * `*.test.ts` file.
 */
function suiteFiles(suite, dir) {
  if (!existsSync(join(root, dir))) {
    missing(suite, `${dir} is missing`);
    return null;
  }
  const files = testFiles(dir);
  if (files.length === 0) {
    missing(suite, `no test files in ${dir}`);
    return null;
  }
  return files;
}

/** `*.test.ts` files under a directory of the repo, sorted, as repo-relative paths. */
function testFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map((f) => join(dir, String(f)).split(sep).join('/'))
    .filter((f) => f.endsWith('.test.ts') && !f.includes('/node_modules/'))
    .sort();
}

/** Reads the summary footer of a TAP stream written by node:test (`# pass N`, `# fail N`, …). */
function tapCounts(file) {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const get = (key) => {
    const all = [...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : null;
  };
  const pass = get('pass');
  const fail = get('fail');
  if (pass === null || fail === null) return null;
  return { passed: pass, failed: fail + (get('cancelled') ?? 0), skipped: (get('skipped') ?? 0) + (get('todo') ?? 0) };
}

/** A command that counts as one test: passed when it exits 0. */
async function singleSuite(suite, command, args, { env, maxMinutes = 10 } = {}) {
  const r = await run(command, args, { env, logFile: logOf(suite), timeoutMs: budget(maxMinutes), echo: verbose });
  const ok = r.code === 0 && !r.timedOut;
  bodies.add(`suite:${suite}`);
  report(suite, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note: r.timedOut ? 'timed out' : undefined }, r.ms);
  return ok;
}

/** node:test over `files`, counted from its TAP summary. */
async function nodeTestSuite(suite, files, { env, maxMinutes = 20, concurrency } = {}) {
  const tap = join(logDir, `${suite}.tap`);
  const args = [
    '--conditions=dvc-source',
    '--import',
    'tsx',
    '--test',
    ...(concurrency ? [`--test-concurrency=${concurrency}`] : []),
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    `--test-reporter=${join(root, 'scripts', 'lib', 'test-bodies-reporter.mjs')}`,
    `--test-reporter-destination=${join(logDir, `${suite}.bodies`)}`,
    ...files,
  ];
  const r = await run(process.execPath, args, { env, logFile: logOf(suite), timeoutMs: budget(maxMinutes), echo: verbose });
  if (existsSync(join(logDir, `${suite}.bodies`))) {
    for (const line of readFileSync(join(logDir, `${suite}.bodies`), 'utf8').split('\n')) if (line) bodies.add(`loc:${line}`);
  }
  const counts = tapCounts(tap) ?? { passed: 0, failed: 0, skipped: 0 };
  let note;
  if (r.timedOut) {
    counts.failed += 1;
    note = 'timed out';
  } else if (!tapCounts(tap)) {
    counts.failed += 1;
    note = 'the test runner crashed before its summary';
  } else if (r.code !== 0 && counts.failed === 0) {
    counts.failed += 1;
    note = `exit code ${r.code} with no failing test`;
  }
  // node:test reports a file that declared no test as one passing test named by the file's path: a file
  // whose tests vanished must fail, not pass.
  const empty = emptyTestFiles(tap, files);
  if (empty.length > 0) {
    counts.passed = Math.max(0, counts.passed - empty.length);
    counts.failed += empty.length;
    note = [note, `no test in ${empty.join(', ')}`].filter(Boolean).join('; ');
  }
  report(suite, { ...counts, note }, r.ms);
}

/** The files (repo-relative) that node:test ran as a single passing test of their own: they declared none. */
function emptyTestFiles(tap, files) {
  if (!existsSync(tap)) return [];
  const byPath = new Map(files.map((f) => [join(root, f), f]));
  const text = readFileSync(tap, 'utf8');
  return [...text.matchAll(/^ok \d+ - (.*)$/gm)].map((m) => byPath.get(m[1])).filter((f) => f !== undefined);
}

/**
 * Starts the reference server (server/src/main.ts) with the development identity issuer, a fresh PGlite data
 * directory and demo/ + dist/ served statically. Resolves `{ url, stop() }`.
 */
async function startReferenceServer(suite, extraEnv = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dvc-server-'));
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DEV_IDP: '1',
    DATA_DIR: dataDir,
    STATIC_DIR: '/=demo,/dist/=dist',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const server = start(process.execPath, ['--conditions=dvc-source', '--import', 'tsx', 'server/src/main.ts'], {
    env,
    logFile: join(logDir, `${suite}.server.log`),
    timeoutMs: budget(30),
  });
  let alive = true;
  void server.done.then(() => {
    alive = false;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    server.stop();
    await server.done;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/api/v1/health`, 90_000, () => alive);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}

// ---------------------------------------------------------------------------------------------------------
say(`dvc-forms tests — ${new Date().toISOString()} — node ${process.version}`);

// Set-up.
if (!flag('skip-install')) {
  const deps = ensureNodeModules();
  const debs = ensureDebianPackages();
  for (const r of [deps, debs]) say(`setup: ${r.detail}`);
  if (!deps.ok) {
    report('setup', { passed: 0, failed: 1, skipped: 0, note: deps.detail }, 0);
    finish();
  }
  if (!debs.ok) say(`setup: WARNING ${debs.detail}`);
}
if (!existsSync(chromiumPath)) say(`setup: WARNING no Chromium at ${chromiumPath}: browser suites will fail`);

// Build.
if (wanted('build') && !flag('skip-build')) {
  if (!existsSync(join(root, 'scripts', 'build.mjs'))) missing('build', 'scripts/build.mjs is missing');
  else await singleSuite('build', process.execPath, ['scripts/build.mjs', '--allow-type-errors'], { maxMinutes: 15 });
}

// Type check.
if (wanted('typecheck')) {
  if (!existsSync(join(root, 'tsconfig.json'))) missing('typecheck', 'tsconfig.json is missing');
  else await singleSuite('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { maxMinutes: 10 });
}

// ESLint (typescript-eslint, eslint-plugin-lit, eslint-plugin-wc: eslint.config.mjs).
if (wanted('lint')) {
  if (!existsSync(join(root, 'eslint.config.mjs'))) missing('lint', 'eslint.config.mjs is missing');
  else await singleSuite('lint', bin('eslint'), ['--max-warnings=0', '.'], { maxMinutes: 10 });
}
// Prettier (.prettierrc.json, .prettierignore): `npm run format` writes what this checks.
if (wanted('format')) {
  if (!existsSync(join(root, '.prettierrc.json'))) missing('format', '.prettierrc.json is missing');
  else await singleSuite('format', bin('prettier'), ['--check', '--log-level=warn', '.'], { maxMinutes: 10 });
}

// Node unit and integration tests (server tests on PGlite).
if (wanted('node')) {
  const files = suiteFiles('node', 'tests/node');
  if (files) await nodeTestSuite('node', files, { maxMinutes: 25 });
}

// Browser tests.
if (wanted('browser')) {
  const files = suiteFiles('browser', 'tests/browser');
  if (!files) {
    // reported
  } else if (!existsSync(join(root, 'web-test-runner.config.mjs'))) {
    missing('browser', 'web-test-runner.config.mjs is missing');
  } else {
    const summaryFile = join(logDir, 'browser.json');
    const r = await run(bin('web-test-runner'), ['--config', 'web-test-runner.config.mjs'], {
      env: { WTR_SUMMARY_FILE: summaryFile, CI: 'true', NO_COLOR: '1' },
      logFile: logOf('browser'),
      timeoutMs: budget(25),
      echo: verbose,
    });
    let counts = { passed: 0, failed: 0, skipped: 0 };
    let note;
    if (existsSync(summaryFile)) {
      const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
      counts = { passed: s.passed, failed: s.failed, skipped: s.skipped };
      for (const [file, title] of s.ran ?? []) bodies.add(`web:${file}\0${title}`);
      if (s.failedFiles?.length) note = `failing files: ${s.failedFiles.join(', ')}`;
    } else {
      counts.failed += 1;
      note = r.timedOut ? 'timed out' : 'web-test-runner crashed before its summary';
    }
    if (existsSync(summaryFile) && r.code !== 0 && counts.failed === 0) {
      counts.failed += 1;
      note = `exit code ${r.code} with no failing test`;
    }
    report('browser', { ...counts, note }, r.ms);
  }
}

// End-to-end tests (Chromium through playwright-core, against servers the tests start).
if (wanted('e2e')) {
  const files = suiteFiles('e2e', 'tests/e2e');
  if (files) await nodeTestSuite('e2e', files, { maxMinutes: 20, concurrency: 1, env: { CHROMIUM_PATH: chromiumPath } });
}

// Server tests again, on a real PostgreSQL.
if (wanted('postgres')) {
  const files = suiteFiles('postgres', 'tests/node/server');
  if (files) {
    let pg;
    try {
      pg = await startPostgres({ log: () => {} });
    } catch (err) {
      report('postgres', { passed: 0, failed: 1, skipped: 0, note: `could not start PostgreSQL: ${err.message.split('\n')[0]}` }, 0);
    }
    if (pg) {
      try {
        await nodeTestSuite('postgres', files, { maxMinutes: 15, concurrency: 1, env: { DATABASE_URL: pg.url } });
      } finally {
        pg.stop();
      }
    }
  }
}

// Storybook static build, then axe over every story of it (tests/stories). `--only=stories` builds the
// Storybook too (the stories suite needs it) but counts only the stories suite.
if (wanted('storybook') || wanted('stories')) {
  const countBuild = wanted('storybook');
  let built = false;
  if (!existsSync(join(root, '.storybook'))) {
    if (countBuild) missing('storybook', '.storybook is missing');
  } else if (countBuild) {
    built = await singleSuite('storybook', 'npm', ['run', '--silent', 'storybook:build'], {
      env: { STORYBOOK_DISABLE_TELEMETRY: '1' },
      maxMinutes: 10,
    });
  } else {
    const r = await run('npm', ['run', '--silent', 'storybook:build'], {
      env: { STORYBOOK_DISABLE_TELEMETRY: '1' },
      logFile: logOf('storybook'),
      timeoutMs: budget(10),
      echo: verbose,
    });
    built = r.code === 0 && !r.timedOut;
  }
  if (wanted('stories')) {
    const files = suiteFiles('stories', 'tests/stories');
    if (!files) {
      // reported
    } else if (!built) {
      missing('stories', existsSync(join(root, '.storybook')) ? 'Storybook did not build' : '.storybook is missing');
    } else {
      await nodeTestSuite('stories', files, {
        maxMinutes: 10,
        concurrency: 1,
        env: { CHROMIUM_PATH: chromiumPath, STORYBOOK_DIR: join(root, 'dist-storybook') },
      });
    }
  }
}

// Conformance kit against a started reference server.
if (wanted('conformance')) {
  await conformanceSuite();
}

// The Python back end: the conformance kit against it, and the test vectors through its judge.
if (wanted('python')) {
  await pythonSuite();
}

finish();

async function conformanceSuite() {
  const cli = join(root, 'conformance', 'src', 'cli.ts');
  if (!existsSync(join(root, 'conformance'))) return missing('conformance', 'conformance/ is missing');
  if (!existsSync(cli)) return report('conformance', { passed: 0, failed: 1, skipped: 0, note: 'conformance/src/cli.ts is missing' }, 0);
  if (!existsSync(join(root, 'server', 'src', 'main.ts'))) {
    return report('conformance', { passed: 0, failed: 1, skipped: 0, note: 'server/src/main.ts is missing' }, 0);
  }
  const t0 = Date.now();
  let server;
  try {
    server = await startReferenceServer('conformance');
  } catch (err) {
    return report(
      'conformance',
      { passed: 0, failed: 1, skipped: 0, note: `reference server did not start: ${err.message}` },
      Date.now() - t0,
    );
  }
  try {
    const r = await run(
      process.execPath,
      ['--conditions=dvc-source', '--import', 'tsx', cli, '--url', `${server.url}/api/v1`, '--dev-idp'],
      {
        logFile: logOf('conformance'),
        timeoutMs: budget(10),
        echo: verbose,
      },
    );
    // The kit's own closing line: "N passed, N failed, N skipped".
    const text = readFileSync(logOf('conformance'), 'utf8');
    const m = [...text.matchAll(/^(\d+) passed, (\d+) failed, (\d+) skipped$/gm)].pop();
    const counts = m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]) } : { passed: 0, failed: 1, skipped: 0 };
    if (m) for (let i = 0; i < counts.passed + counts.failed; i++) bodies.add(`conformance:${i}`);
    let note = m ? undefined : r.timedOut ? 'timed out' : 'the kit crashed before its summary';
    if (m && r.code !== 0 && counts.failed === 0) {
      counts.failed += 1;
      note = `exit code ${r.code} with no failing check`;
    }
    report('conformance', { ...counts, note }, Date.now() - t0);
  } finally {
    await server.stop();
  }
}

/** The last "N passed, N failed, N skipped" (or "N passed, N failed") line of a log, or null. */
function closingCounts(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const m = [...text.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)].pop();
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) } : null;
}

/**
 * examples/backend-python: started with Debian's Python on a fresh SQLite file and a random HS256 secret;
 * the conformance kit runs against it with two citizens' tokens (minted here with jose), then vectors.py
 * over dist/procedures/<slug>/vectors.json when any exists, in process and against the running server.
 * test_server.py checks what the kit does not (tokens, drafts, the bank's notification). Counted: the
 * kit's checks, those tests and the vectors.
 */
async function pythonSuite() {
  const dir = join(root, 'examples', 'backend-python');
  const fail = (note, ms = 0) => report('python', { passed: 0, failed: 1, skipped: 0, note }, ms);
  if (!existsSync(join(dir, 'server.py'))) return missing('python', 'examples/backend-python/server.py is missing');
  if (!pythonReady())
    return fail(`${pythonPath} lacks python3-jsonschema or python3-regex (apt-get install -y python3-jsonschema python3-regex)`);
  const procedures = join(root, 'dist', 'procedures');
  const slugs = existsSync(procedures) ? readdirSync(procedures).filter((s) => existsSync(join(procedures, s, 'definition.json'))) : [];
  if (slugs.length === 0) return fail('no dist/procedures/<slug>/definition.json: build first (npm run build)');
  const t0 = Date.now();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dvc-python-'));
  const secret = randomBytes(32).toString('base64url');
  const bankSecret = randomBytes(32).toString('base64url');
  const [issuer, audience] = ['https://id.dvc-forms.test', 'dvc-forms-python-test'];
  const server = start(pythonPath, [join(dir, 'server.py')], {
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE: join(dataDir, 'dvc.sqlite'),
      PROCEDURES_DIR: procedures,
      JWT_SECRET: secret,
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: audience,
      VIETQR_SECRET: bankSecret,
    },
    logFile: join(logDir, 'python.server.log'),
    timeoutMs: budget(20),
  });
  let alive = true;
  void server.done.then(() => {
    alive = false;
  });
  const url = `http://127.0.0.1:${port}/api/v1`;
  try {
    try {
      await waitForHttp(`${url}/health`, 60_000, () => alive);
    } catch (err) {
      return fail(`the Python back end did not start: ${err.message}`, Date.now() - t0);
    }
    const { SignJWT } = await import('jose');
    const key = new TextEncoder().encode(secret);
    const token = (sub) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
    const cli = join(root, 'conformance', 'src', 'cli.ts');
    const kitLog = logOf('python');
    const kit = await run(
      process.execPath,
      [
        '--conditions=dvc-source',
        '--import',
        'tsx',
        cli,
        '--url',
        url,
        '--token',
        await token('citizen-001'),
        '--token2',
        await token('citizen-002'),
      ],
      { logFile: kitLog, timeoutMs: budget(10), echo: verbose },
    );
    const counts = closingCounts(kitLog) ?? { passed: 0, failed: 1, skipped: 0 };
    const notes = [];
    if (!closingCounts(kitLog)) notes.push(kit.timedOut ? 'the kit timed out' : 'the kit crashed before its summary');
    else if (kit.code !== 0 && counts.failed === 0) {
      counts.failed += 1;
      notes.push(`the kit exited ${kit.code} with no failing check`);
    }
    for (let i = 0; i < counts.passed + counts.failed; i++) bodies.add(`python:conformance:${i}`);
    /** Runs one of the example's Python scripts and adds its closing "N passed, M failed" line to the counts. */
    const script = async (name, args, extraEnv = {}) => {
      const log = join(logDir, `python.${name}.log`);
      const r = await run(pythonPath, [join(dir, `${name}.py`), ...args], {
        env: extraEnv,
        logFile: log,
        timeoutMs: budget(10),
        echo: verbose,
      });
      const c = closingCounts(log);
      appendFileSync(kitLog, `\n$ ${name}.py\n${readFileSync(log, 'utf8')}`);
      const broken = !c || (r.code !== 0 && c.failed === 0);
      if (!c) notes.push(r.timedOut ? `${name}.py timed out` : `${name}.py crashed before its summary`);
      else if (broken) notes.push(`${name}.py exited ${r.code} with nothing failed`);
      counts.passed += c?.passed ?? 0;
      counts.failed += (c?.failed ?? 0) + (broken ? 1 : 0);
      counts.skipped += c?.skipped ?? 0;
      for (let i = 0; i < (c ? c.passed + c.failed : 0); i++) bodies.add(`python:${name}:${i}`);
    };
    await script('test_server', [], {
      DVC_API: url,
      JWT_SECRET: secret,
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: audience,
      VIETQR_SECRET: bankSecret,
    });
    if (slugs.some((s) => existsSync(join(procedures, s, 'vectors.json')))) await script('vectors', [procedures, '--url', url]);
    else notes.push('no vectors.json yet');
    report('python', { ...counts, note: notes.join('; ') || undefined }, Date.now() - t0);
  } finally {
    server.stop();
    await server.done;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function finish() {
  const total = results.reduce(
    (acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, skipped: acc.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  say(`total time ${minutes} min; logs in ${relative(root, logDir)}/`);
  say(`${bodies.size} distinct test bodies ran (${total.passed + total.failed} runs; see the header of scripts/test.mjs)`);
  say(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed > 0 ? 1 : 0);
}
