#!/usr/bin/env node
// dvc-forms conformance kit (`dvc-conformance --url <base>`): runs the built kit (dist/cli.js) with plain Node.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write(
    `dvc-conformance: the kit is not built (${built} is missing). In the repository run \`npm run build\`; otherwise reinstall @dvc-forms/conformance.\n`,
  );
  process.exit(2);
}
await import(pathToFileURL(built).href);
