#!/usr/bin/env node
// `npm start`: the demo on http://localhost:3000/ with no configuration.
//
// Installs npm dependencies when missing, builds (scripts/build.mjs), then starts the reference server
// (server/src/main.ts) with the development identity issuer (sample citizens), an embedded PGlite database in
// .data/, `/` serving demo/ and `/dist/` serving dist/. PORT overrides the port; `--skip-build` reuses the
// last build. Stop with Ctrl+C.
//
// Node built-ins only at the top: this file runs before `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { ensureNodeModules, root, say } from './lib/env.mjs';

const port = Number(process.env.PORT || 3000);
const url = `http://localhost:${port}/`;

const deps = ensureNodeModules();
if (!deps.ok) {
  say(`start: ${deps.detail}`);
  process.exit(1);
}

if (!process.argv.includes('--skip-build')) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    say('start: the build failed (see above); fix it or run `npm start -- --skip-build` to serve the last build');
    process.exit(1);
  }
}

if (existsSync(join(root, 'server', 'src', 'main.ts'))) {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: process.env.HOST || '127.0.0.1',
    DEV_IDP: '1',
    DATA_DIR: process.env.DATA_DIR || join(root, '.data'),
    STATIC_DIR: process.env.STATIC_DIR || '/=demo,/dist/=dist',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  };
  const server = spawn(process.execPath, ['--conditions=dvc-source', '--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  waitThenAnnounce();
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  // No reference server in this checkout: serve the demo and the build as static files.
  staticServer();
}

/** Prints the URL once the server answers. */
async function waitThenAnnounce() {
  for (let i = 0; i < 240; i += 1) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status < 500) {
        say(`\ndvc-forms demo: ${url}  (reference back end at ${url}api/v1, sample citizens from the dev identity issuer)\n`);
        return;
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  say(`start: the server did not answer on ${url} within a minute`);
}

function staticServer() {
  const types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.map': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
  };
  const mounts = [
    { prefix: '/dist/', dir: join(root, 'dist') },
    { prefix: '/', dir: join(root, 'demo') },
  ];
  createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const mount = mounts.find((m) => path.startsWith(m.prefix));
    let file = mount ? normalize(join(mount.dir, path.slice(mount.prefix.length))) : '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!mount || !file.startsWith(mount.dir + sep) || !existsSync(file)) {
      res.writeHead(path === '/favicon.ico' ? 204 : 404, { 'content-type': 'text/plain' });
      res.end(path === '/favicon.ico' ? undefined : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }).listen(port, () => say(`\ndvc-forms demo (static, no back end yet): ${url}\n`));
}
