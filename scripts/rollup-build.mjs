#!/usr/bin/env node
// Runs every build of rollup.config.mjs in one process (instead of `rollup -c`):
// - each build starts from the module cache of an earlier one, so the sources and dependencies shared by
//   the page bundles (dist/dvc-forms.js, dist/procedures/*.js and their chunks, one build) and the
//   per-procedure validator/model builds are transformed once. The cache also records how each
//   import resolved (external or not), so it is shared only between builds with the same `external`;
// - after the first build of each kind has warmed the cache, the others run two at a time (terser, the
//   slowest step, runs in worker threads: two builds keep two cores busy).
import { availableParallelism } from 'node:os';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';

/** @type {Map<unknown, import('rollup').RollupCache>} */
const caches = new Map();
const keyOf = (config) => config.external ?? 'none';

async function build(config) {
  const started = Date.now();
  const bundle = await rollup({ ...config, cache: caches.get(keyOf(config)) });
  if (!caches.has(keyOf(config))) caches.set(keyOf(config), bundle.cache);
  const outputs = Array.isArray(config.output) ? config.output : [config.output];
  for (const output of outputs) await bundle.write(output);
  await bundle.close();
  const target = outputs.map((o) => o.file ?? `${o.dir}/`).join(', ');
  process.stdout.write(`  rollup: ${target} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}

const warm = [];
const rest = [];
for (const config of configs) (warm.some((c) => keyOf(c) === keyOf(config)) ? rest : warm).push(config);
for (const config of warm) await build(config);

const lanes = Math.max(1, Math.min(2, availableParallelism()));
let next = 0;
await Promise.all(
  Array.from({ length: lanes }, async () => {
    while (next < rest.length) await build(rest[next++]);
  }),
);
