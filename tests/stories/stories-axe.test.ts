/**
 * Accessibility of every Storybook story: a built Storybook (STORYBOOK_DIR, default `dist-storybook`,
 * written by `npm run storybook:build`) is served by a small static server, Chromium (playwright-core)
 * opens each story's `iframe.html`, waits until Storybook has finished rendering it (play function
 * included) and every custom element under `#storybook-root` has settled, then runs axe-core with the
 * WCAG 2.0/2.1/2.2 A and AA rule tags. One test per story; a story fails with the list of violations
 * (rule id, impact, first target, help). Stories with a known, documented product issue are listed in
 * KNOWN_FAILURES and skipped with the reason.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const storybookDir = path.resolve(root, process.env.STORYBOOK_DIR ?? 'dist-storybook');
const axePath = path.join(root, 'node_modules/axe-core/axe.min.js');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The axe rule tags checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Stories with a genuine accessibility defect in the product, skipped until fixed. Key: story id; value:
 * the violation and why it is a product issue. Remove an entry as soon as the component is fixed.
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {};

interface StoryEntry {
  readonly id: string;
  readonly title: string;
  readonly name: string;
}

/** The stories of the built Storybook's index.json (Storybook 10: `entries` of `type: 'story'`). */
function readStories(): { stories: StoryEntry[]; problem?: string } {
  const indexPath = path.join(storybookDir, 'index.json');
  if (!existsSync(indexPath)) {
    return {
      stories: [],
      problem:
        `no built Storybook at ${storybookDir} (missing index.json): ` +
        'run `npm run storybook:build` first (or set STORYBOOK_DIR to a built Storybook)',
    };
  }
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as {
    entries?: Record<string, Partial<StoryEntry> & { type?: string }>;
  };
  if (!index.entries || typeof index.entries !== 'object') {
    return {
      stories: [],
      problem: `${indexPath} has no "entries" object (not a Storybook 10 index)`,
    };
  }
  const stories = Object.values(index.entries)
    .filter((e) => e.type === 'story' && typeof e.id === 'string')
    .map((e) => ({
      id: e.id as string,
      title: String(e.title),
      name: String(e.name),
    }));
  if (stories.length === 0) return { stories, problem: `${indexPath} lists no stories` };
  return { stories };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

/** A static file server for the built Storybook (favicon.ico answered with 204). */
function serveStatic(dir: string): Server {
  return createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
}

interface AxeNode {
  target: unknown[];
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Requests in flight on a page, to wait for the network to be idle without Playwright's fixed 500 ms. */
function trackRequests(page: Page): () => number {
  const inFlight = new Set<unknown>();
  page.on('request', (r) => inFlight.add(r));
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  return () => inFlight.size;
}

/** Resolves once no request has been in flight for `quietMs` (fails after `timeoutMs`). */
async function networkIdle(page: Page, inFlight: () => number, quietMs = 100, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  for (;;) {
    if (inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    if (Date.now() > deadline) throw new Error(`network not idle after ${timeoutMs} ms (${inFlight()} request(s) pending)`);
    await page.waitForTimeout(20);
  }
}

/**
 * Shows a story and resolves once Storybook has rendered it (play function included) and its elements
 * settled. The first story loads `iframe.html`; later ones are switched to in the same preview through
 * Storybook's own `setCurrentStory` channel event (what the manager does), which tears the previous story
 * down and avoids reloading the 1 MB preview bundle and axe for each story.
 */
async function renderStory(page: Page, base: string, id: string, inFlight: () => number): Promise<void> {
  const loaded = await page
    .evaluate(() => '__STORYBOOK_PREVIEW__' in globalThis && typeof (globalThis as { axe?: unknown }).axe === 'object')
    .catch(() => false);
  if (loaded) {
    await page.evaluate((storyId) => {
      const channel = (
        globalThis as {
          __STORYBOOK_ADDONS_CHANNEL__?: {
            emit: (event: string, data: object) => void;
          };
        }
      ).__STORYBOOK_ADDONS_CHANNEL__;
      if (!channel) throw new Error('Storybook channel missing');
      channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
    }, id);
  } else {
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`, { waitUntil: 'load' });
  }
  const handle = await page.waitForFunction(
    (storyId) => {
      type Render = { phase?: string; id?: string };
      const preview = (globalThis as { __STORYBOOK_PREVIEW__?: { storyRenders?: Render[] } }).__STORYBOOK_PREVIEW__;
      if (document.body.classList.contains('sb-show-errordisplay')) {
        const text = document.querySelector('#error-message')?.textContent ?? '';
        return {
          error: `Storybook shows an error: ${text.trim().slice(0, 300)}`,
        };
      }
      const render = preview?.storyRenders?.find((r) => r.id === storyId);
      if (!render) return false;
      if (render.phase === 'errored' || render.phase === 'aborted') return { error: `story render ${render.phase}` };
      return render.phase === 'completed' || render.phase === 'finished' ? { error: '' } : false;
    },
    id,
    { polling: 20 },
  );
  const { error } = (await handle.jsonValue()) as { error: string };
  assert.equal(error, '', error);
  await networkIdle(page, inFlight);
  // Every custom element in the story (shadow roots included) defined and its update settled.
  const undefinedTags = await page.evaluate(async () => {
    // No named inner functions here: tsx (esbuild keepNames) would wrap them in a `__name` helper that
    // does not exist in the page.
    const storyRoot = document.querySelector('#storybook-root');
    if (!storyRoot) return ['#storybook-root missing'];
    const elements: Element[] = [];
    const queue: ParentNode[] = [storyRoot];
    for (let node = queue.pop(); node; node = queue.pop()) {
      for (const el of Array.from(node.querySelectorAll('*'))) {
        if (el.localName.includes('-')) elements.push(el);
        if (el.shadowRoot) queue.push(el.shadowRoot);
      }
    }
    const missing = [...new Set(elements.map((e) => e.localName).filter((t) => !customElements.get(t)))];
    await Promise.all(elements.map((e) => (e as Element & { updateComplete?: Promise<unknown> }).updateComplete ?? Promise.resolve()));
    return missing;
  });
  assert.deepEqual(undefinedTags, [], `custom elements never defined in story ${id}: ${undefinedTags.join(', ')}`);
  const childCount = await page.evaluate(() => document.querySelector('#storybook-root')?.childElementCount ?? 0);
  assert.ok(childCount > 0, `story ${id} rendered nothing into #storybook-root`);
  await page.waitForTimeout(50);
}

/** Runs axe (injected into the page) on the story root. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object'))) {
    await page.addScriptTag({ path: axePath });
  }
  return page.evaluate(async (tags) => {
    const axe = (
      globalThis as {
        axe?: {
          run: (ctx: string, opts: object) => Promise<{ violations: AxeViolation[] }>;
        };
      }
    ).axe;
    if (!axe) throw new Error('axe-core did not load');
    const result = await axe.run('#storybook-root', {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, AXE_TAGS);
}

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `  - ${v.id} [${v.impact ?? 'n/a'}] ${JSON.stringify(v.nodes[0]?.target ?? [])}` +
        `${v.nodes.length > 1 ? ` (+${v.nodes.length - 1} more)` : ''}: ${v.help}`,
    )
    .join('\n');
}

const { stories, problem } = readStories();

describe('Storybook stories have no axe (WCAG 2.x A/AA) violations', () => {
  if (problem) {
    it('finds the built Storybook', () => assert.fail(problem));
    return;
  }

  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  let inFlight: () => number;
  const pageErrors: string[] = [];

  before(async () => {
    server = serveStatic(storybookDir);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the static server has no TCP address');
    base = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.setDefaultTimeout(15_000);
    inFlight = trackRequests(page);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  for (const story of stories) {
    const known = KNOWN_FAILURES[story.id];
    it(`${story.title} › ${story.name} (${story.id})`, { skip: known ? `known a11y issue: ${known}` : false }, async () => {
      pageErrors.length = 0;
      await renderStory(page, base, story.id, inFlight);
      assert.deepEqual(pageErrors, [], `uncaught errors in story ${story.id}: ${pageErrors.join('; ')}`);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `${violations.length} axe violation(s) in story ${story.id}:\n${describeViolations(violations)}`);
    });
  }
});
