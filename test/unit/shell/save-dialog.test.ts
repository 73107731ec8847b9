import { beforeEach, describe, expect, it, vi } from 'vitest';

const showSaveDialog = vi.fn();
vi.mock('electron', () => ({ dialog: { showSaveDialog }, BrowserWindow: class {} }));

const { createSaveDialog } = await import('../../../src/main/shell/save-dialog');

describe('save dialog', () => {
  beforeEach(() => showSaveDialog.mockReset());

  it('opens at the suggested path, attached to the window, and returns the chosen file', async () => {
    const window = { isDestroyed: () => false };
    showSaveDialog.mockResolvedValue({ canceled: false, filePath: '/home/r/Books/journal.csv' });
    const choose = createSaveDialog(() => window as never);
    await expect(choose({ defaultPath: '/home/r/Books/journal.csv', filters: [] })).resolves.toBe('/home/r/Books/journal.csv');
    expect(showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: '/home/r/Books/journal.csv' }));
  });

  it('returns null when the reseller cancels', async () => {
    showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await expect(createSaveDialog(() => undefined)({ defaultPath: '/x.csv', filters: [] })).resolves.toBeNull();
  });
});
