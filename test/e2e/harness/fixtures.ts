import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ApiArgs, ChannelName, Output } from '../../../src/shared/contract';
import { SandboxClock, startSandbox, type RunningSandbox, type SandboxProfile } from '../../../src/main/sandbox';
import { installApiBridge } from './api-bridge';
import { createDeskApp, RunningClock, type DeskApp, type DeskAppOptions } from './desk-app';
import { serveStatic, type StaticServer } from './static-server';

const root = resolve(import.meta.dirname, '../../..');
export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots');

export interface Desk {
  /** The Chromium page showing the real renderer build. */
  page: Page;
  /** The real main-process services on a fresh SQLite file in a temp folder. */
  app: DeskApp;
  /** Opens the app at a route ("/", "/customers") and waits for the shell. */
  open(path?: string): Promise<void>;
  /** Reloads the window (the services keep running, as in Electron). */
  reload(): Promise<void>;
  /** Calls a channel through the same dispatcher the page uses (to seed data); throws on `{ok:false}`. */
  call<K extends ChannelName>(name: K, ...args: ApiArgs<K>): Promise<Output<K>>;
  /** Saves `<name>-light.png` and `<name>-dark.png` under test-results/screenshots (OS theme emulated). */
  screenshots(name: string): Promise<void>;
}

interface WorkerFixtures {
  rendererServer: StaticServer;
}

/**
 * `desk`: a fresh app per test — the real AppContext and handler table (only the
 * Electron transport is replaced, see api-bridge.ts) and the built renderer served from
 * out/renderer. The test fails if the page throws or logs an error (a CSP violation, an
 * uncaught exception).
 */
export const test = base.extend<{ desk: Desk; sandbox: RunningSandbox; deskOptions: DeskAppOptions; sandboxProfile: SandboxProfile | undefined }, WorkerFixtures>({
  /** `test.use({ deskOptions: { embeddedSandbox: true } })` runs the app's own sandbox. */
  deskOptions: [{}, { option: true }],
  /** `test.use({ sandboxProfile: 'documented' })`: upstreams that serve only their documents (Idempotency-Key never deduplicated). */
  sandboxProfile: [undefined, { option: true }],
  rendererServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
    async ({}, use) => {
      // E2E_RENDERER_DIR: a renderer built elsewhere (test/e2e/harness/build-renderer.ts), so
      // parallel work on one checkout does not rebuild out/ under a running test.
      const server = await serveStatic(process.env.E2E_RENDERER_DIR ?? join(root, 'out', 'renderer'));
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  viewport: { width: 1280, height: 800 },
  /**
   * Both simulated upstream APIs on real HTTP (127.0.0.1, ephemeral ports), in memory,
   * seeded with the reseller accounts of the seeds: `sandbox.proxiesSx.baseUrl/apiKey`,
   * `sandbox.whozex.baseUrl/apiKey`, and `sandbox.clock` to move upstream time.
   */
  sandbox: async ({ sandboxProfile }, use) => {
    // Upstream time starts at the wall clock, like the app's: a 30-day port is not expired on arrival.
    const sandbox = await startSandbox({ autoDeliverWebhooks: false, clock: new SandboxClock(Date.now()), ...(sandboxProfile ? { profile: sandboxProfile } : {}) });
    await use(sandbox);
    await sandbox.close();
  },
  desk: async ({ page, rendererServer, deskOptions }, use) => {
    const app = await createDeskApp(deskOptions);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
    const unsubscribe = await installApiBridge(page, app.dispatch, app.ctx.bus);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });

    const waitForShell = () => expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const desk: Desk = {
      page,
      app,
      async open(path = '/') {
        await page.goto(`${rendererServer.url}/#${path}`);
        await waitForShell();
      },
      async reload() {
        await page.reload();
        await waitForShell();
      },
      async call(name, ...args) {
        const result = await app.dispatch(name, args[0]);
        if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
        return result.value as never;
      },
      async screenshots(name) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          const theme = await page.evaluate(() => window.matchMedia('(prefers-color-scheme: dark)').matches);
          expect(theme).toBe(scheme === 'dark');
          // With the "system" theme the page follows; with an explicit theme it keeps it.
          await page.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
          await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`), fullPage: false });
        }
        await page.emulateMedia({ colorScheme: 'light' });
      },
    };
    await use(desk);
    unsubscribe();
    await app.close();
    expect(pageErrors, 'the page must not throw or log errors').toEqual([]);
  },
});

/** Moves upstream time and the app's time forward together (expiries, usage, alerts). */
export function advanceTime(desk: Desk, sandbox: RunningSandbox, ms: number): void {
  if (!(desk.app.clock instanceof RunningClock)) throw new Error('advanceTime is for the sandbox fixture; the embedded sandbox moves the app clock itself');
  sandbox.clock.advance(ms);
  desk.app.clock.advance(ms);
}

export { expect };
