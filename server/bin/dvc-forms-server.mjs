#!/usr/bin/env node
// dvc-forms reference server (`dvc-forms-server`): runs the built server (dist/main.js) with plain Node.
// Configuration comes from the environment (README.md); in the repository, `npm run build` builds it.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write(
    `dvc-forms-server: the server is not built (${built} is missing). In the repository run \`npm run build\`; otherwise reinstall @dvc-forms/server.\n`,
  );
  process.exit(2);
}
await import(pathToFileURL(built).href);
