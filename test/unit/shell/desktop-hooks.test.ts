import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const openPath = vi.fn<(path: string) => Promise<string>>();
const showOpenDialog = vi.fn();
vi.mock('electron', () => ({ shell: { openPath: (p: string) => openPath(p) }, dialog: { showOpenDialog: (...a: unknown[]) => showOpenDialog(...a) } }));

const { createDesktopHooks } = await import('../../../src/main/shell/desktop-hooks');

describe('desktop hooks (Settings → Your data)', () => {
  beforeEach(() => {
    openPath.mockReset();
    showOpenDialog.mockReset();
  });

  it('opens the folder in the file manager and turns its failure into a message', async () => {
    const hooks = createDesktopHooks(() => undefined, () => {});
    const folder = tmpdir();
    openPath.mockResolvedValueOnce('');
    await hooks.openFolder(folder);
    expect(openPath).toHaveBeenCalledWith(folder);
    openPath.mockResolvedValueOnce('No application is associated');
    await expect(hooks.openFolder(folder)).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('No application') });
  });

  it('never hands a file (which openPath would launch) or a missing path to the shell', async () => {
    const hooks = createDesktopHooks(() => undefined, () => {});
    await expect(hooks.openFolder(fileURLToPath(import.meta.url))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(hooks.openFolder('/no/such/folder')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(openPath).not.toHaveBeenCalled();
  });

  it('asks for a folder attached to the window, and answers null when cancelled', async () => {
    const window = { isDestroyed: () => false };
    const hooks = createDesktopHooks(() => window as never, () => {});
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/mnt/disk/Reseller Desk'] });
    expect(await hooks.chooseFolder('/data')).toBe('/mnt/disk/Reseller Desk');
    expect(showOpenDialog.mock.calls[0]![0]).toBe(window);
    expect(showOpenDialog.mock.calls[0]![1]).toMatchObject({ defaultPath: '/data', properties: expect.arrayContaining(['openDirectory', 'createDirectory']) });
    showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await hooks.chooseFolder('/data')).toBeNull();
  });

  it('restarts through the shell-supplied restart', () => {
    const restart = vi.fn();
    createDesktopHooks(() => undefined, restart).relaunch();
    expect(restart).toHaveBeenCalledOnce();
  });
});
