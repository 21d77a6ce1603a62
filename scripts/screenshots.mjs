/**
 * Takes the documentation screenshots of every demo procedure page (docs/theming.md).
 *
 *   node --import tsx scripts/screenshots.mjs
 *
 * Starts the reference server in-process (temp DATA_DIR, DEV_IDP=1, STATIC_DIR '/=demo,/dist/=dist',
 * random port), opens demo/thu-tuc/<slug>.html in Chromium at phone (360×800) and desktop (1280×900)
 * widths, and writes docs/screenshots/<slug>-<page>-<phone|desktop>.png for the "before you start" page
 * and the first step; for the first procedure also the error-summary state and a province theme
 * (docs/examples/province-theme.css, served from the page's own origin so the CSP allows it).
 * Reads dist/ as it is: build first.
 */
import { mkdtemp, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const outDir = join(root, 'docs/screenshots');
const themeFile = join(root, 'docs/examples/province-theme.css');
const MAX_HEIGHT = 2400;
const VIEWPORTS = {
  phone: { width: 360, height: 800 },
  desktop: { width: 1280, height: 900 },
};

const slugs = (await readdir(join(root, 'demo/thu-tuc')))
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.slice(0, -5))
  .sort();
if (slugs.length === 0) throw new Error('demo/thu-tuc/ has no procedure pages');
const featured = slugs.includes('birth-registration') ? 'birth-registration' : slugs[0];

const dataDir = await mkdtemp(join(tmpdir(), 'dvc-shots-'));
const config = loadConfig(
  { ...process.env, DATA_DIR: dataDir, DEV_IDP: '1', STATIC_DIR: '/=demo,/dist/=dist', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  root,
);
const app = await createServer(config);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const base = typeof address === 'string' ? address : `http://127.0.0.1:${address}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--headless=new',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const problems = [];
try {
  await mkdir(outDir, { recursive: true });
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'vi-VN' });
    for (const slug of slugs) {
      let page = await context.newPage();
      page.on('pageerror', (err) => problems.push(`${slug} ${size}: page error ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`${slug} ${size}: console ${msg.text()}`);
      });
      const shoot = async (name) => {
        await page.waitForTimeout(250);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const file = join(outDir, `${slug}-${name}-${size}.png`);
        await page.screenshot({
          path: file,
          fullPage: true,
          clip: height > MAX_HEIGHT ? { x: 0, y: 0, width: viewport.width, height: MAX_HEIGHT } : undefined,
        });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`${slug} ${name} ${size}: horizontal overflow ${overflow}px`);
        console.log(`wrote ${file}`);
      };
      let start = page.locator('.dvc-procedure').getByRole('button', { name: 'Bắt đầu' });
      await page.goto(`${base}/thu-tuc/${slug}.html`, { waitUntil: 'networkidle' });
      await start.waitFor({ timeout: 15000 });
      await shoot('start');
      await start.click();
      await page.locator('.dvc-procedure').getByRole('button', { name: 'Tiếp tục' }).waitFor({ timeout: 15000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot('step1');
      if (slug === featured) {
        await page.locator('.dvc-procedure').getByRole('button', { name: 'Tiếp tục' }).click();
        await page.waitForTimeout(300);
        await page.evaluate(() => window.scrollTo(0, 0));
        await shoot('errors');
        // The example theme is served from the page's own origin, as a province would host it ('self').
        // A fresh context: the form keeps a draft of the visit above, which would skip the start page.
        const themed = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'vi-VN' });
        await themed.route('**/theme/province-theme.css', async (route) =>
          route.fulfill({ status: 200, contentType: 'text/css; charset=utf-8', body: await readFile(themeFile, 'utf8') }),
        );
        await page.close();
        page = await themed.newPage();
        start = page.locator('.dvc-procedure').getByRole('button', { name: 'Bắt đầu' });
        await page.goto(`${base}/thu-tuc/${slug}.html`, { waitUntil: 'networkidle' });
        await page.evaluate(() => {
          const link = document.createElement('link');
          link.rel = 'stylesheet';
          link.href = '/theme/province-theme.css';
          document.head.append(link);
        });
        await start.waitFor({ timeout: 15000 });
        await shoot('themed-start');
        await start.click();
        await page.locator('.dvc-procedure').getByRole('button', { name: 'Tiếp tục' }).waitFor({ timeout: 15000 });
        await page.evaluate(() => window.scrollTo(0, 0));
        await shoot('themed-step1');
        await themed.close();
        continue;
      }
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}
let total = 0;
for (const f of await readdir(outDir)) total += (await stat(join(outDir, f))).size;
console.log(`screenshots: ${(total / 1024).toFixed(0)} KiB in ${outDir}`);
for (const p of problems) console.warn(`note: ${p}`);
