import { closeSync, copyFileSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * File steps that survive a power cut. A rename is atomic but not durable: until the
 * file's data and the folder's entry reach the disk, a crash can leave the new name
 * pointing at an empty or partial file (ext4, APFS, NTFS all allow this). So a file is
 * fsynced before it is renamed into place, and its folder after. The two syncs are an
 * object so a test can watch them happen (and when).
 */
export const durableFs = {
  fsyncFile(path: string): void {
    const fd = openSync(path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  /** Makes renames and removals in `dir` durable. Windows cannot open a folder for this; NTFS journals them. */
  fsyncDir(dir: string): void {
    if (process.platform === 'win32') return;
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } catch (error) {
      // Some file systems (network shares) refuse fsync on a folder: nothing more can be done there.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR') throw error;
    } finally {
      closeSync(fd);
    }
  },
};

/** fsync `from`, rename it to `to`, fsync the folder. */
export function renameDurably(from: string, to: string): void {
  durableFs.fsyncFile(from);
  renameSync(from, to);
  durableFs.fsyncDir(dirname(to));
  if (dirname(from) !== dirname(to)) durableFs.fsyncDir(dirname(from));
}

/** Copies to a temporary name beside `to`, then renames it into place durably. */
export function copyDurably(from: string, to: string): void {
  const tmp = `${to}.partial`;
  copyFileSync(from, tmp);
  renameDurably(tmp, to);
}

/** Removes files and makes the removal durable (their folder is synced once). */
export function removeDurably(paths: string[]): void {
  for (const path of paths) rmSync(path, { force: true });
  for (const dir of new Set(paths.map((p) => dirname(p)))) durableFs.fsyncDir(dir);
}
