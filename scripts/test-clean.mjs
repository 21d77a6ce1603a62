#!/usr/bin/env node
// `npm run test:clean`: what CI does, here. Clones the committed HEAD (not the work tree) into a temporary
// directory with `../shared` linked beside it, runs `.ci/run` there, prints its output and exits with its
// exit code. Catches what a work tree hides: ignored files a test imports, generated code that only exists
// because someone built it by hand, a dependency installed but not in package.json.
//
// Options: --keep  leave the clone (its path is printed) for a look at .tmp/test-logs afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const shared = resolve(root, '..', 'shared');
if (!existsSync(shared)) {
  process.stderr.write(`test:clean: ${shared} does not exist; CI runs with ../shared beside the clone\n`);
  process.exit(2);
}
const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
if (dirty.stdout.trim()) process.stdout.write('test:clean: note: uncommitted changes are NOT part of this run (HEAD is cloned)\n');

const base = mkdtempSync(join(tmpdir(), 'dvc-clean-'));
const clone = join(base, 'main');
const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', root, clone], { stdio: 'inherit' });
if (cloned.status !== 0) process.exit(cloned.status ?? 1);
symlinkSync(shared, join(base, 'shared'));
process.stdout.write(`test:clean: running .ci/run in ${clone}\n`);

const child = spawn('bash', ['.ci/run'], { cwd: clone, stdio: 'inherit', env: { ...process.env, INIT_CWD: clone } });
child.on('exit', (code, signal) => {
  if (keep) process.stdout.write(`test:clean: clone kept at ${clone}\n`);
  else rmSync(base, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
