// @web/test-runner configuration: browser suites (tests/browser/**/*.test.ts) in Debian's headless Chromium.
//
// - TypeScript (and Lit's legacy decorators) is transformed by esbuild with the repo's tsconfig.json.
// - Relative `.js` imports resolve to the `.ts` source when no `.js` file exists, from TS *and* JS
//   importers (the compiled procedures in generated/ are JS importing `../../../src/*.js`).
// - `GET /__dvc/procedures.json` lists the compiled procedures in generated/procedures, so smoke tests can
//   loop over them without a hard-coded list.
// - A summary reporter writes passed/failed/skipped counts to $WTR_SUMMARY_FILE (read by scripts/test.mjs).
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const root = dirname(fileURLToPath(import.meta.url));

/** Chromium flags that keep a root, headless, offline Chromium quiet (see TOOLCHAIN.md). */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Resolves a relative `./x.js` import to `./x.ts` when `x.js` does not exist but `x.ts` does, whatever the
 * importer's extension (@web/dev-server-esbuild only does this for TS importers).
 * @returns {import('@web/dev-server-core').Plugin}
 */
function tsSourceResolver() {
  return {
    name: 'dvc-ts-source-resolver',
    resolveImport({ source, context }) {
      if (!source.startsWith('.') || !source.endsWith('.js')) return undefined;
      const importerUrl = new URL(context.url, 'http://localhost/');
      const importerFile = join(root, decodeURIComponent(importerUrl.pathname));
      const target = resolve(dirname(importerFile), source);
      if (existsSync(target)) return undefined;
      if (existsSync(target.slice(0, -3) + '.ts')) return source.slice(0, -3) + '.ts';
      return undefined;
    },
  };
}

/**
 * Serves `/__dvc/procedures.json`: the slugs of the compiled procedures found in generated/procedures.
 * @returns {import('@web/dev-server-core').Plugin}
 */
function procedureIndex() {
  return {
    name: 'dvc-procedure-index',
    serve(context) {
      if (context.path !== '/__dvc/procedures.json') return undefined;
      const dir = join(root, 'generated', 'procedures');
      const slugs = existsSync(dir)
        ? readdirSync(dir)
            .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'define.js')))
            .sort()
        : [];
      return { body: JSON.stringify(slugs), type: 'application/json' };
    },
  };
}

/**
 * The number of tests (run or skipped) in a session's results.
 * @param {import('@web/test-runner').TestSuiteResult | undefined} suite
 * @returns {number}
 */
function countTests(suite) {
  if (!suite) return 0;
  return suite.tests.length + suite.suites.reduce((n, s) => n + countTests(s), 0);
}

/**
 * Counts tests per session and writes `{ passed, failed, skipped, files, failedFiles, ran }` as JSON to
 * `file`; `ran` lists the distinct `[test file, test title]` pairs of the tests that ran (not skipped).
 * A test file that fails to load (a session error with no test results) counts as one failed test, and so
 * does a file that declares no test.
 * @param {string | undefined} file
 * @returns {import('@web/test-runner').Reporter}
 */
function jsonSummaryReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      if (!file) return;
      const summary = { passed: 0, failed: 0, skipped: 0, files: 0, failedFiles: [], ran: [] };
      /** (test file, test title) of every test that ran, each pair once. */
      const ran = new Set();
      /**
       * @param {import('@web/test-runner').TestSuiteResult} suite
       * @param {string} testFile
       */
      const walk = (suite, testFile) => {
        for (const t of suite.tests) {
          if (t.skipped) summary.skipped += 1;
          else if (t.passed) summary.passed += 1;
          else summary.failed += 1;
          if (!t.skipped) ran.add(JSON.stringify([testFile, t.name]));
        }
        for (const s of suite.suites) walk(s, testFile);
      };
      for (const session of sessions) {
        summary.files += 1;
        const failedBefore = summary.failed;
        if (session.testResults) walk(session.testResults, session.testFile.replace(root + '/', ''));
        // Errors outside any test (an import that failed, an uncaught error) fail the file once.
        const fileFailed = (session.errors?.length ?? 0) > 0 || session.passed === false;
        if (fileFailed && summary.failed === failedBefore) summary.failed += 1;
        // A file that declares no test at all fails once: its tests vanished.
        if (!fileFailed && countTests(session.testResults) === 0) summary.failed += 1;
        if (summary.failed > failedBefore) summary.failedFiles.push(session.testFile.replace(root + '/', ''));
      }
      summary.ran = [...ran].map((k) => JSON.parse(k));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(summary, null, 2));
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: root,
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      // Each test page gets its own window. With `concurrency: 2` the default (a new tab in one window)
      // leaves all but the newest page hidden (document.visibilityState 'hidden'): Chromium then renders
      // no frames for it, so requestAnimationFrame — and @open-wc's fixture()/nextFrame() that wait on it —
      // never resolve there, and tests hang until the timeout depending on which files happen to run side
      // by side. Renderer-backgrounding flags do not change this in headless mode; separate windows do.
      createPage: ({ context }) => context.newPage({ type: 'window' }),
      launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: chromiumArgs },
    }),
  ],
  plugins: [procedureIndex(), tsSourceResolver(), esbuildPlugin({ ts: true, tsconfig: join(root, 'tsconfig.json'), target: 'es2022' })],
  reporters: [defaultReporter(), jsonSummaryReporter(process.env.WTR_SUMMARY_FILE)],
};
