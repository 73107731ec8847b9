import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src/shared/errors';
import { expect, test } from './harness/fixtures';

test('export a statement to a file chosen with the save dialog; cancelling the dialog keeps the path', async ({ desk }) => {
  const { page } = desk;
  const c = await desk.call('customers:create', { name: 'Alan Turing', email: 'alan@example.com' });
  await desk.call('payments:record', { customerId: c.id, amount: 4_200, method: 'card', reference: 'inv-42' });
  await desk.open(`/customers/${c.id}`);
  await page.getByRole('button', { name: 'Export statement' }).click();
  const dialog = page.getByRole('dialog', { name: /Export statement/ });
  const field = dialog.getByLabel('Save to');
  await expect(field).toHaveValue(/statement-alan-turing-\d{4}-\d{2}-\d{2}\.csv$/);
  const typed = await field.inputValue();

  // Cancelled: nothing changes.
  desk.app.saveDialog.answer = null;
  await dialog.getByRole('button', { name: 'Choose…' }).click();
  await expect.poll(() => desk.app.saveDialog.requests.length).toBe(1);
  await expect(field).toHaveValue(typed);

  // Chosen: the dialog opened with the suggested name, and its path is used.
  desk.app.saveDialog.answer = undefined;
  await dialog.getByRole('button', { name: 'Choose…' }).click();
  const chosen = join(desk.app.dataDir, 'exports', typed.split(/[\\/]/).pop()!);
  await expect(field).toHaveValue(chosen);
  expect(desk.app.saveDialog.requests[1]).toMatch(/statement-alan-turing-\d{4}-\d{2}-\d{2}\.csv$/);
  await desk.screenshots('export-save-dialog');
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog).toBeHidden();
  expect(existsSync(chosen)).toBe(true);
  expect(readFileSync(chosen, 'utf8')).toContain('inv-42');
});

test('where there is no save dialog (UNSUPPORTED) the button goes away and the typed path is used', async ({ desk }) => {
  const { page } = desk;
  const c = await desk.call('customers:create', { name: 'Grace Hopper', email: 'grace@example.com' });
  await desk.call('payments:record', { customerId: c.id, amount: 1_000, method: 'cash', reference: 'cash-7' });
  desk.app.saveDialog.answer = new AppError('UNSUPPORTED', 'There is no save dialog here; pass an output path instead.');
  await desk.open(`/customers/${c.id}`);
  await page.getByRole('button', { name: 'Export statement' }).click();
  const dialog = page.getByRole('dialog', { name: /Export statement/ });
  await dialog.getByRole('button', { name: 'Choose…' }).click();
  await expect(dialog.getByRole('button', { name: 'Choose…' })).toBeHidden();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  const typed = join(desk.app.dataDir, 'grace.csv');
  await dialog.getByLabel('Save to').fill(typed);
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog).toBeHidden();
  expect(readFileSync(typed, 'utf8')).toContain('cash-7');
});
