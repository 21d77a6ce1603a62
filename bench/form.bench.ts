/**
 * Form rendering benchmark (`npm run bench [-- --keys 60 --throttle 4]`). Not a test.
 *
 * 1. Generates a 300-field definition into tests/fixtures/bench/bench-300.json (one step, ten fieldsets of
 *    thirty fields, each fieldset with an `if`/`then` field that its first field shows) and compiles it with
 *    the compiler (`compileDefinition`). The typed field is a first field: conditions run on every key.
 * 2. Bundles a page with esbuild: the compiled `<dvc-bench-300>` element and, as a baseline, a bare Lit
 *    element with one input; serves it on loopback.
 * 3. Drives Debian's Chromium with playwright-core under CPU throttling (CDP Emulation.setCPUThrottlingRate),
 *    types into one field of the 300-field step and into the baseline input, and measures:
 *    - renders per field while typing (Lit `update()` calls per field element; expected: only the typed field),
 *    - input-to-next-frame latency (keydown timestamp → after the next frame), p50/p95, and the ratio of the
 *      form's p95 to the baseline's p95 measured in the same run.
 * Prints a table.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { compileDefinition } from '../compiler/src/index.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = path.join(ROOT, 'tests/fixtures/bench');

const { values } = parseArgs({
  options: {
    keys: { type: 'string', default: '60' },
    throttle: { type: 'string', default: '4' },
    fields: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '3' },
  },
});
const KEYS = Number(values.keys);
const THROTTLE = Number(values.throttle);
const FIELDS = Number(values.fields);
const ROUNDS = Math.max(1, Number(values.rounds));
if (!(KEYS > 0) || !(THROTTLE >= 1) || !(FIELDS >= 10) || FIELDS % 10 !== 0) {
  throw new Error('bench: --keys > 0, --throttle >= 1 and --fields a multiple of 10 (>= 10) are required');
}

/** A definition with FIELDS fields in ten fieldsets, all on one step. */
function benchDefinition(): object {
  const groups: Record<string, object> = {};
  const per = FIELDS / 10;
  for (let g = 0; g < 10; g++) {
    const properties: Record<string, object> = {};
    for (let f = 0; f < per; f++) {
      const n = g * per + f;
      properties[`f${n}`] =
        n % 10 === 3
          ? { type: 'integer', title: `Số lượng ${n}`, minimum: 0, maximum: 1000 }
          : n % 10 === 7
            ? { type: 'string', format: 'date', title: `Ngày ${n}` }
            : { type: 'string', title: `Trường văn bản số ${n}`, description: `Gợi ý cho trường ${n}`, maxLength: 200 };
    }
    // Each group also has a conditional field, shown (and required) when the group's first field says "có":
    // typing into a first field (the benchmark types into one) re-evaluates the conditions on every key.
    const first = Object.keys(properties)[0]!;
    groups[`g${g}`] = {
      type: 'object',
      title: `Nhóm ${g + 1}`,
      properties,
      required: [first],
      if: { properties: { [first]: { const: 'có' } }, required: [first] },
      then: { properties: { [`detail${g}`]: { type: 'string', title: `Chi tiết nhóm ${g + 1}`, minLength: 2 } }, required: [`detail${g}`] },
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Biểu mẫu ${FIELDS} trường`,
    'x-procedure': {
      code: '0.000300',
      slug: `bench-${FIELDS}`,
      version: '1.0.0',
      agencyLevel: 'commune',
      fullyOnline: true,
      legalBasis: [{ vi: 'Văn bản thử nghiệm hiệu năng' }],
      processingTime: { workingDays: 1 },
      resultDelivery: ['online'],
      requirements: [{ vi: 'Không cần giấy tờ' }],
    },
    type: 'object',
    properties: groups,
    'x-steps': [{ id: 'all', title: 'Tất cả các trường', fields: Object.keys(groups).map((k) => `/${k}`) }],
  };
}

const BASELINE = `
import { LitElement, html } from 'lit';
class BenchBaseline extends LitElement {
  static properties = { value: { state: true } };
  constructor() { super(); this.value = ''; }
  render() {
    return html\`<label for="i">Một ô nhập</label>
      <input id="i" .value=\${this.value} @input=\${(e) => (this.value = e.target.value)} />
      <p>\${this.value.length}</p>\`;
  }
}
customElements.define('bench-baseline', BenchBaseline);
`;

async function bundle(outDir: string, defineModule: string): Promise<string> {
  const entry = path.join(outDir, 'entry.js');
  await writeFile(path.join(outDir, 'baseline.js'), BASELINE);
  await writeFile(entry, `import ${JSON.stringify(defineModule)};\nimport './baseline.js';\n`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    nodePaths: [path.join(ROOT, 'node_modules')],
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

const PAGE = (tag: string) => `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>bench</title></head>
<body><bench-baseline></bench-baseline><${tag} drafts="off"></${tag}>
<script type="module" src="/bundle.js"></script></body></html>`;

function serve(tag: string, js: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/bundle.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(js);
    } else if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE(tag));
    } else {
      res.writeHead(204);
      res.end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/` });
    }),
  );
}

/** In-page instrumentation: per-element update counters and keydown → next-frame samples. */
const INSTRUMENT = () => {
  const w = window as unknown as { __bench: { counts: Map<Element, number>; samples: number[]; on: boolean } };
  w.__bench = { counts: new Map(), samples: [], on: false };
  document.addEventListener(
    'keydown',
    (e) => {
      if (!w.__bench.on) return;
      const start = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => w.__bench.samples.push(performance.now() - start), 0));
    },
    true,
  );
};

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  await mkdir(FIXTURES, { recursive: true });
  const defFile = path.join(FIXTURES, `bench-${FIELDS}.json`);
  await writeFile(defFile, JSON.stringify(benchDefinition(), null, 2) + '\n');
  const compiled = await compileDefinition(defFile, { runtimeImport: path.join(ROOT, 'src') });
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'dvc-bench-'));
  const procDir = path.join(outDir, compiled.model.procedure.slug);
  await mkdir(procDir, { recursive: true });
  for (const [name, text] of compiled.files) await writeFile(path.join(procDir, name), text);
  const js = await bundle(outDir, path.join(procDir, 'define.js'));
  const { server, url } = await serve(compiled.model.tag, js);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // tsx compiles this file with esbuild's keepNames, whose `__name` helper ends up in functions passed to the page.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(INSTRUMENT);
    await page.goto(url);
    const tag = compiled.model.tag;
    await page.waitForFunction((t) => !!customElements.get(t), tag);
    await page.evaluate(async (t) => {
      const el = document.querySelector(t) as HTMLElement & { whenReady(): Promise<void>; updateComplete: Promise<unknown> };
      await el.whenReady();
      await el.updateComplete;
      (el.shadowRoot!.querySelector('[part~="start-button"]') as HTMLButtonElement).click();
      await el.updateComplete;
    }, tag);
    const fieldCount = await page.evaluate(async (t) => {
      const el = document.querySelector(t)!;
      const fields = [...el.shadowRoot!.querySelectorAll('[name^="/"]')] as Array<
        HTMLElement & { updateComplete: Promise<unknown>; update(c: unknown): void }
      >;
      await Promise.all(fields.map((f) => f.updateComplete));
      const w = window as unknown as { __bench: { counts: Map<Element, number> } };
      const count = (x: Element & { update(c: unknown): void }) => {
        const orig = x.update.bind(x);
        x.update = (c: unknown) => {
          w.__bench.counts.set(x, (w.__bench.counts.get(x) ?? 0) + 1);
          orig(c);
        };
      };
      for (const f of fields) count(f);
      count(el as unknown as Element & { update(c: unknown): void });
      return fields.length;
    }, tag);
    if (fieldCount !== FIELDS) throw new Error(`bench: expected ${FIELDS} fields on the step, found ${fieldCount}`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    // ASCII only: every character is a real key press with a keydown (Vietnamese letters would be inserted as text).
    const text = 'Nguyen Thi Minh Khai so nha 12 ngo 34 pho Hang Bac phuong Hoan Kiem '.repeat(8).slice(0, KEYS);
    const WARMUP = 10;

    const measure = async (focus: () => Promise<void>): Promise<number[]> => {
      await focus();
      // Warm up (JIT, first layout) without measuring, then clear what was typed.
      for (let i = 0; i < WARMUP; i++) await page.keyboard.type('x');
      for (let i = 0; i < WARMUP; i++) await page.keyboard.press('Backspace');
      await page.waitForTimeout(100);
      await page.evaluate(() => {
        const w = window as unknown as { __bench: { counts: Map<Element, number>; samples: number[]; on: boolean } };
        w.__bench.counts.clear();
        w.__bench.samples = [];
        w.__bench.on = true;
      });
      for (const ch of text) {
        await page.keyboard.type(ch);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      }
      await page.waitForTimeout(200);
      return page.evaluate(() => {
        const w = window as unknown as { __bench: { samples: number[]; on: boolean } };
        w.__bench.on = false;
        return w.__bench.samples;
      });
    };

    const target = `/g${Math.floor(FIELDS / 2 / (FIELDS / 10))}/f${FIELDS / 2}`;
    const focusBaseline = async () => {
      await page.evaluate(() => (document.querySelector('bench-baseline')!.shadowRoot!.querySelector('input') as HTMLInputElement).focus());
    };
    const focusForm = async () => {
      await page.evaluate(([t, p]) => (document.querySelector(t)!.shadowRoot!.querySelector(`[name="${p}"]`) as HTMLElement).focus(), [
        tag,
        target,
      ] as const);
    };
    // Alternate the two so background load on the machine hits both alike; the last form round counts renders.
    const baseline: number[] = [];
    const form: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      baseline.push(...(await measure(focusBaseline)));
      if (round > 0) {
        await page.evaluate(
          ([t, p]) => {
            const f = document.querySelector(t)!.shadowRoot!.querySelector(`[name="${p}"]`) as HTMLElement & { value: string };
            f.value = '';
            f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          },
          [tag, target] as const,
        );
      }
      form.push(...(await measure(focusForm)));
    }
    const renders = await page.evaluate(
      ([t, p]) => {
        const w = window as unknown as { __bench: { counts: Map<Element, number> } };
        const host = document.querySelector(t)!;
        let typed = 0;
        let others = 0;
        let otherFields = 0;
        let shell = 0;
        for (const [el, n] of w.__bench.counts) {
          if (el === host) shell = n;
          else if (el.getAttribute('name') === p) typed = n;
          else {
            others += n;
            otherFields += 1;
          }
        }
        const value = (host as unknown as { value: Record<string, Record<string, unknown>> }).value;
        return { typed, others, otherFields, shell, value: value[p.split('/')[1]!]?.[p.split('/')[2]!] };
      },
      [tag, target] as const,
    );
    if (renders.value !== text) throw new Error(`bench: the form's value is ${JSON.stringify(renders.value)}, expected the typed text`);
    if (errors.length) throw new Error(`bench: page errors: ${errors.join('; ')}`);

    const row = (name: string, xs: number[]) =>
      `| ${name.padEnd(28)} | ${String(xs.length).padStart(4)} | ${percentile(xs, 50).toFixed(1).padStart(7)} | ${percentile(xs, 95).toFixed(1).padStart(7)} |`;
    const ratio = percentile(form, 95) / percentile(baseline, 95);
    console.log(
      `\nForm rendering benchmark: ${FIELDS} fields on one step, ${ROUNDS} × ${KEYS} key presses each, CPU throttled ${THROTTLE}×\n`,
    );
    console.log('| input-to-next-frame (ms)     | keys |     p50 |     p95 |');
    console.log('| ---------------------------- | ---- | ------- | ------- |');
    console.log(row('bare Lit element, one input', baseline));
    console.log(row(`<${tag}> (${FIELDS} fields)`, form));
    const ratio50 = percentile(form, 50) / percentile(baseline, 50);
    console.log(`| ratio form / baseline        |      | ${ratio50.toFixed(2).padStart(7)} | ${ratio.toFixed(2).padStart(7)} |`);
    console.log('\n| renders while typing                         | count |');
    console.log('| -------------------------------------------- | ----- |');
    console.log(
      `| fields re-rendered (expected 1)              | ${String(renders.otherFields + (renders.typed > 0 ? 1 : 0)).padStart(5)} |`,
    );
    console.log(`| updates of the typed field (last ${String(KEYS).padStart(3)} keys)    | ${String(renders.typed).padStart(5)} |`);
    console.log(`| updates of the other ${String(FIELDS - 1).padEnd(3)} fields              | ${String(renders.others).padStart(5)} |`);
    console.log(`| updates of the procedure element (the shell) | ${String(renders.shell).padStart(5)} |`);
    if (renders.otherFields > 0) {
      console.log(`\nFAIL: typing into one field re-rendered ${renders.otherFields} other fields.`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

await main();
