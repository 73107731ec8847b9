import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * The real app in real Electron, started from the production build (out/) as `npm run
 * preview` does. It needs the Electron binary (downloaded on first use, by `npm start`'s
 * prestart or `node node_modules/electron/install.js`) and better-sqlite3 built for
 * Electron (native/, by the same prestart). Where they are missing — as on machines with
 * no internet — the test is skipped with the reason; everything else about the shell is
 * proven there by test/integration/shell/bundle-smoke.test.ts.
 */
const root = process.cwd();
const electronDir = join(root, 'node_modules', 'electron');
const electronVersion = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
const binaryPath = (() => {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
})();
const nativeBuild = join(root, 'native', `electron-${electronVersion}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
const missing = !binaryPath
  ? 'no Electron binary installed here (run `node node_modules/electron/install.js` with internet access)'
  : !existsSync(nativeBuild)
    ? 'no better-sqlite3 build for Electron (run `node scripts/prepare-electron-native.mjs` with internet access)'
    : null;

test('real Electron: the window opens, window.api answers, the Dashboard shows the sandbox accounts, a customer is created, the app quits cleanly', async () => {
  test.skip(missing !== null, `Skipped: ${missing}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'rd-electron-'));
  try {
    const app = await electron.launch({
      executablePath: binaryPath!,
      args: [root, '--no-sandbox'],
      env: { ...process.env, RESELLER_DESK_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' },
    });
    const page = await app.firstWindow();
    const info = await page.evaluate(() => (window as unknown as { api: Record<string, () => Promise<{ ok: boolean }>> }).api['app:info']!());
    expect(info.ok).toBe(true);
    await expect(page.getByText('Sandbox · Proxies.sx').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Sandbox · Whozex').first()).toBeVisible();

    await page.evaluate(() => {
      window.location.hash = '#/customers';
    });
    await page.getByRole('button', { name: /Add your first customer|New customer/ }).first().click();
    const panel = page.getByRole('dialog', { name: 'New customer' });
    await panel.getByLabel('Name').fill('Ada Lovelace');
    await panel.getByLabel('Email').fill('ada@example.com');
    await panel.getByRole('button', { name: 'Add customer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();

    await app.close();
    expect(readdirSync(dataDir).filter((name) => name.endsWith('-wal'))).toEqual([]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
