// A node:test reporter for scripts/test.mjs: one line per test that ran (passed or failed; not skipped, not
// todo, not a describe suite), giving where its body is written: `file:line:column` of the test() call as
// node:test reports it. A test declared in a loop, or in a shared suite that several files call, has one
// location however often it runs, so the distinct lines count distinct test bodies. A file that declared
// no test (node reports it as a test named by its own path) is left out. Node built-ins only.

/**
 * @param {AsyncIterable<{ type: string, data: { name: string, file?: string, line?: number, column?: number,
 *   skip?: unknown, todo?: unknown, details?: { type?: string } } }>} source
 */
export default async function* testBodies(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const d = event.data;
    if (d.details?.type === 'suite' || d.skip || d.todo || !d.file || d.name === d.file) continue;
    yield `${d.file}:${d.line ?? 0}:${d.column ?? 0}\n`;
  }
}
