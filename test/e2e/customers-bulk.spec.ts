import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type Desk } from './harness/fixtures';

/** Customers through the app's own CSV import (one transaction): the fast way to have thousands. */
async function importCustomers(desk: Desk, count: number, name: (i: number) => string, email: (i: number) => string): Promise<void> {
  const csv = ['email,name', ...Array.from({ length: count }, (_, i) => `${email(i)},${name(i)}`)].join('\n');
  const result = await desk.call('customers:import', { csv });
  expect(result.counts.created).toBe(count);
}

const pad = (i: number) => String(i).padStart(6, '0');

/** The customer names in a CSV export (the `name` column), header excluded. */
function exportedNames(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\r\n').filter(Boolean);
  const nameAt = lines[0]!.split(',').indexOf('name');
  return lines.slice(1).map((l) => l.split(',')[nameAt]!);
}

interface Watched {
  /** The progress bar's range and whether it was seen part-way (neither 0 nor full). */
  progress: { max: number; partial: boolean } | null;
  /** Buttons shown beside the progress bar while it ran. */
  buttons: string[];
  /** Status texts shown while it ran. */
  texts: string[];
  clicked: boolean;
}

/**
 * Records in the page what `selector` shows while a job's progress bar is there, and
 * optionally clicks a button the moment it is enabled. Jobs over 100,000 customers take
 * about a second: too short for the automation's round trips to observe (or cancel) them
 * reliably, so the page watches itself, as the reseller's eyes would.
 */
async function watchWhileRunning(page: Page, selector: string, options: { click?: string } = {}): Promise<void> {
  await page.evaluate(
    ({ selector, click }) => {
      const seen: Watched = { progress: null, buttons: [], texts: [], clicked: false };
      const look = () => {
        const root = document.querySelector(selector);
        const bar = root?.querySelector('[role="progressbar"]');
        if (!root || !bar) return;
        const max = Number(bar.getAttribute('aria-valuemax'));
        const now = Number(bar.getAttribute('aria-valuenow'));
        seen.progress = { max, partial: (seen.progress?.partial ?? false) || (now > 0 && now < max) };
        for (const b of root.querySelectorAll('button')) {
          const name = b.textContent?.trim() ?? '';
          if (!seen.buttons.includes(name)) seen.buttons.push(name);
          if (click && name === click && !b.disabled && !seen.clicked) {
            seen.clicked = true;
            b.click();
          }
        }
        for (const s of root.querySelectorAll('[role="status"]')) {
          const text = s.textContent?.trim() ?? '';
          if (!seen.texts.includes(text)) seen.texts.push(text);
        }
      };
      const w = window as unknown as { __watched?: Watched; __watcher?: MutationObserver };
      w.__watcher?.disconnect();
      w.__watcher = new MutationObserver(look);
      w.__watcher.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      w.__watched = seen;
    },
    { selector, click: options.click },
  );
}

async function watched(page: Page): Promise<Watched> {
  return page.evaluate(() => (window as unknown as { __watched: Watched }).__watched);
}

test('select all customers that match a search, export exactly them, and suspend them with progress and no Cancel', async ({ desk }) => {
  const { page } = desk;
  await importCustomers(desk, 250, (i) => `Alpha ${pad(i)}`, (i) => `alpha${i}@example.com`);
  await importCustomers(desk, 30, (i) => `Beta ${pad(i)}`, (i) => `beta${i}@example.com`);
  await desk.open('/customers');
  await expect(page.getByText('280 customers')).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search customers' }).fill('alpha');
  await expect(page.getByText('250 customers match')).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Customers' });
  await grid.getByRole('checkbox', { name: 'Select all loaded customers' }).check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  // Only the first page is loaded: the header box takes those, the bar offers the rest.
  await expect(bulk).toContainText('100 customers selected');
  await bulk.getByRole('button', { name: 'Select all 250 customers that match' }).click();
  await expect(bulk).toContainText('All 250 customers that match are selected');
  await expect(bulk.getByRole('button', { name: /Select all/ })).toHaveCount(0);

  // Unticking one row makes it a selection by hand again.
  await grid.getByRole('checkbox', { name: 'Select Alpha 000000' }).uncheck();
  await expect(bulk).toContainText('249 customers selected');
  await grid.getByRole('checkbox', { name: 'Select Alpha 000000' }).check();
  await expect(bulk).toContainText('250 customers selected');

  // Export: the file holds exactly the selection, complete.
  await bulk.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 250 customers (CSV)' });
  const path = join(desk.app.dataDir, 'alpha.csv');
  await dialog.getByLabel('Save to').fill(path);
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Saved 250 customers to ${path}.`)).toBeVisible();
  const names = exportedNames(path);
  expect(names).toHaveLength(250);
  expect(names.every((n) => n.startsWith('Alpha '))).toBe(true);
  expect(new Set(names).size).toBe(250);

  // Suspend: one quick transaction, so the bar shows it running but offers nothing to cancel.
  await watchWhileRunning(page, '[role="region"][aria-label="Bulk actions"]');
  await bulk.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByText('250 customers suspended.')).toBeVisible();
  await expect(bulk).toBeHidden();
  const suspending = await watched(page);
  expect(suspending.progress).not.toBeNull();
  expect(suspending.texts).toEqual(['Suspending 250 customers…']);
  expect(suspending.buttons, 'no Cancel (nor any other action) while it runs').toEqual([]);
  expect((await desk.call('customers:ids', { status: 'suspended' })).ids).toHaveLength(250);
  expect((await desk.call('customers:ids', { search: 'beta', status: 'active' })).ids).toHaveLength(30);
  await expect(grid.getByRole('row').filter({ hasText: 'Alpha 000000' })).toContainText('Suspended');
});

test('100,000 customers: select all that match, export with progress and Cancel, suspend in steps with no Cancel', async ({ desk }) => {
  test.setTimeout(240_000);
  const { page } = desk;
  await importCustomers(desk, 100_000, (i) => `Bulk ${pad(i)}`, (i) => `b${i}@example.com`);
  for (const n of ['Zed One', 'Zed Two', 'Zed Three']) await desk.call('customers:create', { name: n, email: `${n.replace(' ', '.').toLowerCase()}@example.org` });
  await desk.open('/customers');
  await expect(page.getByText('100,003 customers')).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Customers' });
  const bulk = page.getByRole('region', { name: 'Bulk actions' });

  // Beyond what one selection may hold: the bar says what to do.
  await grid.getByRole('checkbox', { name: 'Select all loaded customers' }).check();
  await bulk.getByRole('button', { name: 'Select all 100,003 customers that match' }).click();
  await expect(bulk.getByRole('alert')).toHaveText('More than 100,000 customers match. Narrow the search or filters to act on them all at once.');
  await bulk.getByRole('button', { name: 'Clear selection' }).click();
  await expect(bulk).toBeHidden();

  // A search narrows it: the count stops at 1,000+, the selection does not.
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('bulk');
  await expect(page.getByText('1,000+ customers match')).toBeVisible();
  await grid.getByRole('checkbox', { name: 'Select all loaded customers' }).check();
  await bulk.getByRole('button', { name: 'Select every customer that matches' }).click();
  await expect(bulk).toContainText('All 100,000 customers that match are selected');
  await desk.screenshots('customers-bulk');

  // Top-ups go upstream one by one: the dialog says the selection is too large for one run.
  await bulk.getByRole('button', { name: 'Top up…' }).click();
  const topUp = page.getByRole('dialog', { name: 'Top up 100,000 customers' });
  await expect(topUp.getByText(/at most 10,000 in one run\. Narrow the selection/)).toBeVisible();
  await topUp.getByRole('button', { name: 'Cancel' }).click();
  await expect(topUp).toBeHidden();

  // Export with a progress bar, cancelled: no file, no leftover temporary file.
  await bulk.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 100,000 customers (CSV)' });
  const path = join(desk.app.dataDir, 'everyone.csv');
  await dialog.getByLabel('Save to').fill(path);
  await watchWhileRunning(page, 'dialog[open]', { click: 'Cancel export' });
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Export cancelled: no file was written. Export again to start over.');
  const cancelled = await watched(page);
  expect(cancelled.clicked).toBe(true);
  expect(cancelled.progress).toMatchObject({ max: 100_000 });
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  expect(existsSync(path)).toBe(false);
  expect(readdirSync(desk.app.dataDir).filter((f) => f.includes('everyone'))).toEqual([]);

  // Again, to the end: the bar counts the rows with Cancel beside it, and the file is complete.
  await watchWhileRunning(page, 'dialog[open]');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.getByText(`Saved 100,000 customers to ${path}.`)).toBeVisible();
  const completed = await watched(page);
  expect(completed.progress?.max).toBe(100_000);
  expect(completed.progress?.partial, 'the bar moved between 0 and 100,000').toBe(true);
  expect(completed.buttons).toContain('Cancel export');
  const names = exportedNames(path);
  expect(names).toHaveLength(100_000);
  expect(names.filter((n) => !n.startsWith('Bulk '))).toEqual([]);
  expect(names[0]).toBe('Bulk 000000');
  expect(names[99_999]).toBe('Bulk 099999');

  // Suspend: calls of 10,000 customers, each one transaction. The bar counts them and never offers Cancel.
  await watchWhileRunning(page, '[role="region"][aria-label="Bulk actions"]');
  await bulk.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByText('100,000 customers suspended.')).toBeVisible({ timeout: 120_000 });
  await expect(bulk).toBeHidden();
  const suspending = await watched(page);
  expect(suspending.progress).toMatchObject({ max: 100_000, partial: true });
  expect(suspending.texts).toContain('Suspending 10,000 of 100,000…');
  expect(suspending.buttons, 'no Cancel (nor any other action) while it runs').toEqual([]);
  expect((await desk.call('customers:ids', { status: 'suspended' })).ids).toHaveLength(100_000);
  expect((await desk.call('customers:ids', { search: 'zed', status: 'active' })).ids).toHaveLength(3);
});
