// A throwaway PostgreSQL cluster for tests: initdb into a temporary directory, pg_ctl start on a free local
// port, one database, then stop and delete. As root (CI containers) the server runs as the `postgres` user,
// since PostgreSQL refuses to run as root. Node built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isRoot, postgresBinDir } from './env.mjs';

/** uid/gid of a system user, or null. */
function userIds(name) {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return null;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/**
 * Starts a cluster. Resolves `{ url, port, dir, stop(), halt(mode), resume() }`; `url` is a `postgres://`
 * connection string to a fresh database `dvc_test`, with trust authentication on 127.0.0.1 only.
 * `halt(mode)` stops the server (`pg_ctl stop -m fast|immediate`, the data stays) and `resume()` starts it
 * again on the same port; both are asynchronous, so a load running in this process goes on meanwhile.
 * `durable: true` keeps PostgreSQL's crash-safety settings (fsync, synchronous_commit, full_page_writes);
 * the default turns them off for fast tests, which an `immediate` halt could then lose commits under.
 * @param {{ log?: (line: string) => void, durable?: boolean }} [options]
 */
export async function startPostgres({ log = () => {}, durable = false } = {}) {
  const binDir = postgresBinDir();
  if (!binDir) throw new Error('PostgreSQL is not installed (no initdb found); apt-get install -y postgresql');
  const asRoot = isRoot();
  const owner = asRoot ? userIds('postgres') : null;
  if (asRoot && !owner) throw new Error('running as root but there is no `postgres` user to run the server as');

  const dir = mkdtempSync(join(tmpdir(), 'dvc-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const port = await freePort();

  /** Runs a PostgreSQL binary, as `postgres` when we are root. */
  const pg = (name, args) => {
    const cmd = join(binDir, name);
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', cwd: dir })
      : spawnSync(cmd, args, { encoding: 'utf8', cwd: dir });
    log(`$ ${name} ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
    if (r.status !== 0) {
      let serverLog = '';
      try {
        serverLog = readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000);
      } catch {
        /* no log yet */
      }
      throw new Error(`${name} failed (exit code ${r.status ?? r.error?.message}): ${(r.stderr || r.stdout || '').trim()}\n${serverLog}`);
    }
    return r;
  };

  pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-k ${dir}`,
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=50',
  ].join(' ');
  const startArgs = ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start'];
  pg('pg_ctl', startArgs);

  /** Runs a PostgreSQL binary without blocking the event loop; rejects on a non-zero exit. */
  const pgAsync = (name, args) =>
    new Promise((resolve, reject) => {
      const cmd = join(binDir, name);
      const child = asRoot ? spawn('runuser', ['-u', 'postgres', '--', cmd, ...args], { cwd: dir }) : spawn(cmd, args, { cwd: dir });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => {
        log(`$ ${name} ${args.join(' ')}\n${out}`);
        if (code === 0) resolve(undefined);
        else reject(new Error(`${name} failed (exit code ${code}): ${out.trim()}`));
      });
    });

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
    } catch (err) {
      log(`stopping PostgreSQL: ${err.message}`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);

  try {
    pg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'dvc_test']);
  } catch (err) {
    stop();
    throw err;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/dvc_test`,
    port,
    dir,
    stop,
    /** Stops the server, keeping the cluster (`fast`: clean shutdown; `immediate`: like a crash, recovery at start). */
    halt: (mode = 'fast') => pgAsync('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']),
    /** Starts the halted server again. */
    resume: () => pgAsync('pg_ctl', startArgs),
  };
}
