// Set-up helpers shared by scripts/test.mjs and scripts/start.mjs. Node built-ins only: these run on a fresh
// machine before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Path of a binary installed by npm. */
export const bin = (name) => join(root, 'node_modules', '.bin', name);

/** True when this process runs as root (CI containers do). */
export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Prints one line to stdout. */
export const say = (line) => process.stdout.write(`${line}\n`);

const depsMarker = join(root, 'node_modules', '.dvc-deps-hash');

/** package.json of the root and of each workspace (compiler, server, conformance). */
function manifests() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const workspaces = (pkg.workspaces ?? []).map((w) => join(root, w, 'package.json')).filter((f) => existsSync(f));
  return [pkg, ...workspaces.map((f) => JSON.parse(readFileSync(f, 'utf8')))];
}

/** Hash of what decides the installed tree: every manifest's dependency lists and the lockfile. */
function depsHash() {
  const lock = join(root, 'package-lock.json');
  return createHash('sha256')
    .update(JSON.stringify(manifests().map((p) => [p.dependencies ?? {}, p.devDependencies ?? {}, p.optionalDependencies ?? {}])))
    .update(existsSync(lock) ? readFileSync(lock) : '')
    .digest('hex');
}

/** Why node_modules must be (re)installed, or `null` when it is current. */
export function nodeModulesProblem() {
  if (!existsSync(join(root, 'node_modules'))) return 'node_modules is missing';
  const declared = manifests().flatMap((p) => [...Object.keys(p.dependencies ?? {}), ...Object.keys(p.devDependencies ?? {})]);
  const missing = declared.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
  if (missing.length > 0) return `not installed: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`;
  if (existsSync(depsMarker) && readFileSync(depsMarker, 'utf8').trim() !== depsHash()) {
    return 'package.json or package-lock.json changed since the last install';
  }
  return null;
}

/**
 * Installs npm dependencies when node_modules is missing or stale: `npm ci`, exactly the lockfile, which
 * it never rewrites (the lockfile holds every platform's optional packages, so it installs anywhere).
 * Only a checkout without package-lock.json gets `npm install`. When `npm ci` fails because the lockfile
 * and a package.json disagree, the fix is a developer's `npm install` and a commit, never a silent
 * rewrite here. Runs under `flock /tmp/npm.lock` when flock exists, so two installs never overlap.
 * Returns `{ ok, detail }`.
 */
export function ensureNodeModules() {
  const problem = nodeModulesProblem();
  if (!problem) {
    if (!existsSync(depsMarker)) writeFileSync(depsMarker, depsHash());
    return { ok: true, detail: 'node_modules is current' };
  }
  const verb = existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install';
  const useFlock = spawnSync('sh', ['-c', 'command -v flock'], { encoding: 'utf8' }).status === 0;
  const args = [verb, '--no-audit', '--no-fund'];
  say(`setup: ${problem}; running npm ${args.join(' ')}`);
  const r = useFlock
    ? spawnSync('flock', ['/tmp/npm.lock', 'npm', ...args], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    const hint = verb === 'ci' ? ' (if package-lock.json is out of date, run `npm install` and commit the lockfile)' : '';
    return { ok: false, detail: `npm ${verb} failed (exit code ${r.status ?? r.error?.message})${hint}` };
  }
  writeFileSync(depsMarker, depsHash());
  const left = nodeModulesProblem();
  if (left) return { ok: false, detail: `after npm ${verb}: ${left}` };
  return { ok: true, detail: `npm ${verb} done` };
}

/** Directory holding PostgreSQL's server binaries (initdb, pg_ctl, createdb), newest version first; or null. */
export function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(base, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? dirname(found) : null;
}

/** Chromium used by every browser test (Debian's; no browser download works on these machines). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Python, which runs the Python back end of examples/backend-python (no pip: Debian packages only). */
export const pythonPath = '/usr/bin/python3';

/** Whether Debian's Python has the two packages the Python back end needs (python3-jsonschema, python3-regex). */
export function pythonReady() {
  return existsSync(pythonPath) && spawnSync(pythonPath, ['-c', 'import jsonschema, regex'], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs the Debian packages the tests need when missing (`chromium`, `postgresql`, and for the Python
 * back end `python3-jsonschema` and `python3-regex`), as root via apt-get. Returns `{ ok, detail }`.
 */
export function ensureDebianPackages({ chromium = true, postgresql = true, python = true } = {}) {
  const wanted = [];
  if (chromium && !existsSync(chromiumPath)) wanted.push('chromium');
  if (postgresql && !postgresBinDir()) wanted.push('postgresql');
  if (python && !pythonReady()) wanted.push('python3', 'python3-jsonschema', 'python3-regex');
  if (wanted.length === 0) return { ok: true, detail: 'chromium, postgresql, python3-jsonschema and python3-regex present' };
  if (!isRoot()) {
    return { ok: false, detail: `missing ${wanted.join(' and ')}; install with: sudo apt-get install -y ${wanted.join(' ')}` };
  }
  say(`setup: installing ${wanted.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  if (update.status !== 0) return { ok: false, detail: 'apt-get update failed' };
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...wanted], { stdio: 'inherit', env });
  if (install.status !== 0) return { ok: false, detail: `apt-get install ${wanted.join(' ')} failed` };
  return { ok: true, detail: `installed ${wanted.join(', ')}` };
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a command in its own process group, writing stdout+stderr to `logFile` (and to our stdout when
 * `echo`), and kills the whole group when `timeoutMs` passes or this process exits.
 * Returns `{ pid, stop(), done }`; `done` resolves `{ code, signal, timedOut, ms }`.
 */
export function start(command, args, { cwd = root, env = {}, logFile, timeoutMs = 30 * 60_000, echo = false } = {}) {
  const started = Date.now();
  if (logFile) mkdirSync(dirname(logFile), { recursive: true });
  const log = logFile ? createWriteStream(logFile) : null;
  log?.write(`$ ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const forward = (chunk) => {
    log?.write(chunk);
    if (echo) process.stdout.write(chunk);
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);
  const stop = () => killGroup(child.pid);
  process.once('exit', stop);
  const done = new Promise((resolve) => {
    const finish = (code, signal) => {
      clearTimeout(timer);
      process.removeListener('exit', stop);
      const ms = Date.now() - started;
      const end = () => resolve({ code, signal, timedOut, ms });
      if (log) log.end(`\n[exit code ${code}${signal ? `, signal ${signal}` : ''}${timedOut ? ', TIMED OUT' : ''}]\n`, end);
      else end();
    };
    child.on('error', (err) => {
      log?.write(`\n${err.stack ?? err.message}\n`);
      finish(127, null);
    });
    child.on('close', finish);
  });
  return { pid: child.pid, stop, done };
}

/** Runs a command to its end (see `start`). Resolves `{ code, signal, timedOut, ms }`. */
export function run(command, args, options = {}) {
  return start(command, args, options).done;
}

/** Sends SIGTERM, then SIGKILL after 5 s, to a process group started with `detached: true`. */
export function killGroup(pid) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const t = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 5000);
  t.unref();
}

/** Waits until `url` answers (any HTTP status below 500) or `timeoutMs` passes. */
export async function waitForHttp(url, timeoutMs = 60_000, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process serving ${url} exited`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (${last})`);
}
