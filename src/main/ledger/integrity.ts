import type Database from 'better-sqlite3';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { AppError } from '../../shared/errors';

/**
 * When the ledger must prove it is intact before the app runs on it: after a restore
 * (the backup service leaves `<ledger>.restored`) and after an unclean shutdown (the
 * `<ledger>.open` marker written at open is still there: the last run never closed it).
 * Then `PRAGMA quick_check` runs (seconds even for a large ledger), and a damaged ledger
 * is refused with the newest good backup named, rather than run on and made worse.
 */
export const openMarker = (file: string) => `${file}.open`;
export const restoredMarker = (file: string) => `${file}.restored`;

export type CheckReason = 'restore' | 'unclean shutdown';

/** Why the ledger must be checked at this open, or null when its last close was clean. */
export function checkReason(file: string): CheckReason | null {
  if (existsSync(restoredMarker(file))) return 'restore';
  if (existsSync(openMarker(file))) return 'unclean shutdown';
  return null;
}

/** A good backup to name when the ledger is damaged. */
export interface GoodBackup {
  name: string;
  createdAt: string;
  path: string;
}

export function quickCheck(sqlite: Database.Database): string {
  try {
    const rows = sqlite.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? 'ok' : problems.slice(0, 3).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Throws LEDGER_DAMAGED (naming the newest good backup) unless quick_check passes. */
export function assertLedgerIntact(sqlite: Database.Database, file: string, reason: CheckReason, newestGoodBackup: () => GoodBackup | null): void {
  const result = quickCheck(sqlite);
  if (result === 'ok') {
    rmSync(restoredMarker(file), { force: true });
    return;
  }
  const backup = newestGoodBackup();
  const next = backup
    ? `The newest good backup is ${backup.name} (taken ${backup.createdAt}). To use it: quit, move ${file} (and any -wal and -shm beside it) aside, and copy ${backup.path} to ${file}.`
    : 'No intact backup was found in the backups folder; keep the file as it is and contact support before doing anything else.';
  throw new AppError('LEDGER_DAMAGED', `The ledger is damaged (checked after ${reason === 'restore' ? 'a restore' : 'an unclean shutdown'}: ${result}). Reseller Desk will not run on it, so nothing is made worse. ${next}`, {
    details: { file, backup: backup?.name ?? null },
  });
}

/** Written once the ledger is open; removed at a clean close. */
export function markOpen(file: string): void {
  writeFileSync(openMarker(file), String(process.pid));
}

export function markClosed(file: string): void {
  rmSync(openMarker(file), { force: true });
}
