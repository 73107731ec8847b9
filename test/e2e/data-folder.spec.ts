import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pendingDataFolderMove } from '../../src/main/data-location';
import { expect, test } from './harness/fixtures';

test('see the data folder, open it, and move the data to another folder at the next start', async ({ desk }) => {
  const { page } = desk;
  await desk.open('/settings');
  const section = page.getByRole('region', { name: 'Your data' });
  await expect(section.getByTestId('data-folder')).toHaveText(desk.app.dataDir);
  await section.getByRole('button', { name: 'Open the folder' }).click();
  await expect.poll(() => desk.app.desktop.opened).toEqual([desk.app.dataDir]);

  // A compromised page cannot pick the folder itself: a path not chosen in the folder dialog is refused.
  const typed = join(desk.app.dataDir, '..', `typed-${Date.now()}`);
  const answer = await page.evaluate(
    (path) => (window as unknown as { __rdInvoke(channel: string, input: unknown): Promise<unknown> }).__rdInvoke('data-folder:move', { path, confirm: true }),
    typed,
  );
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(pendingDataFolderMove(desk.app.dataDir)).toBeNull();

  // Cancelling the folder picker changes nothing.
  await section.getByRole('button', { name: 'Move to another folder…' }).click();
  await expect(page.getByRole('dialog', { name: 'Move your data?' })).toHaveCount(0);

  // A folder that is not empty is refused with the reason, and nothing is staged.
  const full = join(desk.app.dataDir, '..', `full-${Date.now()}`);
  mkdirSync(full);
  mkdirSync(join(full, 'photos'));
  desk.app.desktop.folderAnswer = full;
  await section.getByRole('button', { name: 'Move to another folder…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move your data?' });
  await dialog.getByRole('button', { name: 'Move at the next start' }).click();
  await expect(dialog.getByText(/that folder is not empty; choose an empty or new folder/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(pendingDataFolderMove(desk.app.dataDir)).toBeNull();

  const target = join(desk.app.dataDir, '..', `moved-${Date.now()}`);
  desk.app.desktop.folderAnswer = target;
  await section.getByRole('button', { name: 'Move to another folder…' }).click();
  await page.getByRole('dialog', { name: 'Move your data?' }).getByRole('button', { name: 'Move at the next start' }).click();
  await expect(page.getByText('Your data moves to the new folder when Reseller Desk restarts.')).toBeVisible();
  await expect(section.getByRole('status')).toContainText(`Moving to ${target} at the next start`);
  expect(pendingDataFolderMove(desk.app.dataDir)?.target).toBe(target);
  // Nothing is copied while the app runs.
  expect(readdirSync(target)).toEqual([]);
  await desk.screenshots('settings-data-folder');

  await section.getByRole('button', { name: 'Restart now' }).click();
  await expect.poll(() => desk.app.desktop.relaunches).toBe(1);
  // Changing one's mind before the restart.
  await section.getByRole('button', { name: 'Keep the data here' }).click();
  await expect(section.getByRole('status')).toHaveCount(0);
  expect(pendingDataFolderMove(desk.app.dataDir)).toBeNull();
  for (const dir of [full, target]) rmSync(dir, { recursive: true, force: true });
});
