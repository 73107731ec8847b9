import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
