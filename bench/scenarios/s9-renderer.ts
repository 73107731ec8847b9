import { chromium, type Page } from '@playwright/test';
import { installApiBridge } from '../../test/e2e/harness/api-bridge';
import { serveStatic } from '../../test/e2e/harness/static-server';
import { openBenchApp } from '../lib/app';
import type { BenchContext, Scenario } from '../lib/context';
import { prng } from '../lib/prng';
import { rendererBuild } from '../lib/renderer-build';
import { figure, ratioOf, type ScenarioResult } from '../lib/result';
import { median, round } from '../lib/stats';

/**
 * 9. Renderer: the production renderer build in Chromium (the e2e harness: window.api
 * bridged to the real handler table, here over the 100,000-customer data set). Measured
 * inside the page with performance.now():
 * - first rows: the reseller opens the Customers page from the sidebar (the app already
 *   running, on the Dashboard): the click → the first customer row in the DOM;
 * - cold window: a fresh renderer opened straight onto #/customers: navigation start →
 *   the first row (loading, compiling and starting the bundle included; start-up itself
 *   is scenario 8's);
 * - search: the search box's input event → the matching rows in the DOM (the page says
 *   "N customers match" and the table is no longer marked stale). The list debounces
 *   typing by 150 ms, which is inside the search figure.
 * Baseline: the same customers:list call made from the page through the same bridge,
 * without rendering. The page signals its marks with console.debug (not a polled
 * function), so Playwright injects no script into the page while a load is timed.
 */

const INIT = () => {
  const b = {
    shell: null as number | null,
    firstRows: null as number | null,
    navAt: null as number | null,
    navRows: null as number | null,
    inputAt: null as number | null,
    searchDone: null as number | null,
  };
  Object.defineProperty(window, '__bench', { value: b });
  const check = () => {
    if (b.shell === null && document.querySelector('nav[aria-label="Main"]')) b.shell = performance.now();
    const grid = document.querySelector('[role="grid"][aria-label="Customers"]');
    if (!grid || !grid.querySelector('[role="row"][aria-rowindex="2"] a')) return;
    const t = performance.now();
    if (b.firstRows === null) {
      b.firstRows = t;
      console.debug('bench:first-rows');
    }
    if (b.navAt !== null && b.navRows === null) {
      b.navRows = t;
      console.debug('bench:nav-rows');
    }
    if (b.inputAt !== null && b.searchDone === null && !grid.hasAttribute('aria-busy') && /match/.test(document.querySelector('.page-subtitle')?.textContent ?? '')) {
      b.searchDone = t;
    }
  };
  // A click in the sidebar starts a page-opening measurement.
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('nav[aria-label="Main"]')) {
      b.navAt = performance.now();
      b.navRows = null;
    }
  }, true);
  document.addEventListener('input', () => {
    b.inputAt = performance.now();
    b.searchDone = null;
  }, true);
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
};

type BenchState = { shell: number | null; firstRows: number | null; navAt: number | null; navRows: number | null; inputAt: number | null; searchDone: number | null };
const state = (page: Page) => page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench);

export const renderer: Scenario = {
  id: '9',
  title: 'Renderer',
  target: '≤ 200 ms each',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const dir = await rendererBuild(ctx.root, ctx.log);
    const app = await openBenchApp(ctx.appDataDir);
    const server = await serveStatic(dir);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const sample = app.ctx.ledger.sqlite.prepare('SELECT name FROM customers ORDER BY random() LIMIT 50').pluck().all() as string[];
      const r = prng(ctx.seed + 9);
      const firstRows: number[] = [];
      const coldFirstRows: number[] = [];
      const shells: number[] = [];
      const searches: number[] = [];
      const listCalls: number[] = [];
      const searchCalls: number[] = [];
      const terms: string[] = [];
      for (let run = 0; run < ctx.scale.rendererRuns; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
        // tsx (esbuild keepNames) wraps functions in __name(); functions Playwright sends
        // into the page are serialized from this process, so the page needs the helper.
        await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(`console: ${m.text()}`);
        });
        const unsubscribe = await installApiBridge(page, app.dispatch, app.ctx.bus);
        await page.addInitScript(INIT);
        const signal = (text: string) => page.waitForEvent('console', { predicate: (m) => m.text() === text, timeout: 60_000 });
        const failed = async (what: string, error: unknown) => {
          const text = (await page.locator('body').innerText().catch(() => '')).slice(0, 300).replace(/\s+/g, ' ');
          return new Error(`${what}: ${problems.join(' | ') || 'no page error'}; page shows: ${text}`, { cause: error });
        };
        // The cold window: a fresh renderer opened straight onto the customer list.
        const coldRows = signal('bench:first-rows');
        await page.goto(`${server.url}/#/customers`);
        try {
          await coldRows;
        } catch (error) {
          throw await failed('no customer row appeared', error);
        }
        const loaded = await state(page);
        coldFirstRows.push(loaded.firstRows!);
        shells.push(loaded.shell ?? Number.NaN);
        // Opening the page from the app: to the Dashboard and settled, then Customers.
        const sidebar = page.getByRole('navigation', { name: 'Main' });
        await sidebar.getByRole('link', { name: /Dashboard/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor({ timeout: 60_000 });
        await page.waitForTimeout(1_000);
        const navRows = signal('bench:nav-rows');
        await sidebar.getByRole('link', { name: /Customers/ }).click();
        try {
          await navRows;
        } catch (error) {
          throw await failed('the Customers page showed no row after the sidebar click', error);
        }
        const opened = await state(page);
        firstRows.push(opened.navRows! - opened.navAt!);
        // The same first page, asked from the page without rendering it.
        listCalls.push(
          await page.evaluate(async () => {
            const api = (window as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api;
            const t0 = performance.now();
            await api['customers:list']!({ sort: 'name', direction: 'asc', offset: 0, limit: 100 });
            return performance.now() - t0;
          }),
        );
        const box = page.getByRole('searchbox', { name: 'Search customers' });
        for (let s = 0; s < 3; s++) {
          const name = sample[Math.floor(r() * sample.length)]!;
          const term = name.slice(0, 2 + (s % 3)).toLowerCase();
          terms.push(term);
          await box.fill(term);
          await page.waitForFunction(() => (window as unknown as { __bench: BenchState }).__bench.searchDone !== null, undefined, { timeout: 60_000 });
          const st = await state(page);
          searches.push(st.searchDone! - st.inputAt!);
          searchCalls.push(
            await page.evaluate(async (t) => {
              const api = (window as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api;
              const t0 = performance.now();
              await api['customers:list']!({ search: t, sort: 'name', direction: 'asc', offset: 0, limit: 100 });
              return performance.now() - t0;
            }, term),
          );
          await box.fill('');
          await page.waitForFunction(() => !/match/.test(document.querySelector('.page-subtitle')?.textContent ?? 'match'), undefined, { timeout: 60_000 });
        }
        unsubscribe();
        await context.close();
      }
      const first = median(firstRows);
      const cold = median(coldFirstRows);
      const search = median(searches);
      const worst = Math.max(first, search);
      return {
        scenario: '9. Renderer: first rows / search',
        app: figure(first, `ms first rows; ${round(search)} ms search; cold window ${round(cold)} ms`),
        baseline: { ...figure(median(listCalls), `ms list call; ${round(median(searchCalls))} ms search call`), what: 'the same customers:list call from the page through the bridge, no rendering' },
        ratio: ratioOf(worst, Math.max(median(listCalls), median(searchCalls))),
        target: this.target,
        met: first <= 200 && search <= 200,
        notes:
          `medians of ${firstRows.length} page openings, ${coldFirstRows.length} cold windows and ${searches.length} searches (terms ${terms.slice(0, 6).join(', ')}…); ` +
          `first rows = sidebar click on Customers (app running, on the Dashboard) → first row in the DOM; ` +
          `cold window = navigation start of a fresh renderer on #/customers → first row (${round(median(shells))} ms of it until the app's shell is on screen: loading and starting the bundle); ` +
          `search includes the list's 150 ms typing debounce (${round(search - 150)} ms beyond it). ` +
          `Each bridged call costs about ${round(median(listCalls))} ms here against well under 1 ms over Electron's IPC. ` +
          `${ctx.dataset.summary.customers.toLocaleString('en-US')} customers, 1280×800.`,
        details: {
          firstRowsMs: firstRows.map(round),
          coldWindowMs: coldFirstRows.map(round),
          coldShellMs: shells.map(round),
          searchMs: searches.map(round),
          listCallMs: listCalls.map(round),
          searchCallMs: searchCalls.map(round),
          terms,
        },
      };
    } finally {
      await browser.close();
      await server.close();
      await app.close();
    }
  },
};
