import type Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import { openSqlite } from '../../sqlite/open-sqlite';
import { copyDurably, durableFs, removeDurably, renameDurably } from './durable-fs';

/**
 * Ledger backups through SQLite's online backup API (consistent while the app writes),
 * taken daily and before every migration, with retention per reason. A restore is
 * staged and applied at the next start, before the ledger is opened, so a running
 * connection never has its file swapped underneath it.
 */

export type BackupReason = 'daily' | 'pre-migration' | 'manual' | 'pre-restore';

export interface BackupInfo {
  name: string;
  reason: BackupReason;
  createdAt: string;
  sizeBytes: number;
}

export const RETENTION: Record<BackupReason, number> = { daily: 14, 'pre-migration': 5, manual: 10, 'pre-restore': 3 };
const NAME = /^ledger-(\d{8}T\d{6}\d{3}Z)-(daily|pre-migration|manual|pre-restore)\.sqlite3$/;
const PENDING_RESTORE = 'restore-pending.json';

export const backupDir = (dataDir: string) => join(dataDir, 'backups');

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function parseStamp(s: string): string {
  // 20260115T120000000Z → 2026-01-15T12:00:00.000Z
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    out.push({ name, reason: m[2] as BackupReason, createdAt: parseStamp(m[1]!), sizeBytes: statSync(join(dir, name)).size });
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Keeps the newest RETENTION[reason] backups of each reason, and removes -wal/-shm files
 * left beside backups (an older app's read-only checks made them) once nothing else will.
 */
export function applyRetention(dataDir: string): string[] {
  const removed: string[] = [];
  const seen: Record<string, number> = {};
  const dir = backupDir(dataDir);
  for (const b of listBackups(dataDir)) {
    seen[b.reason] = (seen[b.reason] ?? 0) + 1;
    if (seen[b.reason]! > RETENTION[b.reason]) {
      rmSync(join(dir, b.name), { force: true });
      removed.push(b.name);
    }
  }
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      const side = /^(ledger-.+\.sqlite3)-(wal|shm)$/.exec(name);
      if (side && (!existsSync(join(dir, side[1]!)) || removed.includes(side[1]!) || isEmptyWalPair(dir, side[1]!))) rmSync(join(dir, name), { force: true });
    }
  }
  return removed;
}

/**
 * An online backup of an open connection; written to a temp name, fsynced, renamed when
 * complete and the folder fsynced, so a backup that is listed is on the disk whole.
 */
export async function createBackup(sqlite: Database.Database, dataDir: string, reason: BackupReason, now: Date): Promise<BackupInfo> {
  const dir = backupDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `ledger-${stamp(now)}-${reason}.sqlite3`;
  const tmp = join(dir, `${name}.partial`);
  rmSync(tmp, { force: true });
  await sqlite.backup(tmp);
  selfContained(tmp);
  renameDurably(tmp, join(dir, name));
  applyRetention(dataDir);
  return { name, reason, createdAt: now.toISOString(), sizeBytes: statSync(join(dir, name)).size };
}

/** An empty -wal means the backup holds everything: its side files are leftovers. */
function isEmptyWalPair(dir: string, name: string): boolean {
  const wal = join(dir, `${name}-wal`);
  return !existsSync(wal) || statSync(wal).size === 0;
}

/**
 * A backup copies the ledger's WAL journal mode into its header; a WAL file opened
 * later, even read-only, leaves -wal and -shm files beside it. In rollback mode the
 * backup is one self-contained file, and the ledger goes back to WAL when it is opened.
 */
function selfContained(file: string): void {
  const db = openSqlite(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** True when the newest daily backup is older than a day (or there is none). */
export function dailyBackupDue(dataDir: string, now: Date): boolean {
  const last = listBackups(dataDir).find((b) => b.reason === 'daily');
  return !last || now.getTime() - Date.parse(last.createdAt) >= 24 * 3600 * 1000;
}

/** Opens a backup read-only and checks it is an intact Reseller Desk ledger. */
export function verifyBackup(file: string): void {
  // A backup written before backups were self-contained is in WAL mode: opening it
  // creates -wal/-shm files, removed again below unless they were there before.
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((side) => !existsSync(side));
  let db: Database.Database | undefined;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    db.prepare('SELECT count(*) FROM postings').get();
  } catch (error) {
    throw new AppError('CONFLICT', `That backup cannot be restored: it is damaged or not a Reseller Desk ledger (${error instanceof Error ? error.message : 'unknown'}).`);
  } finally {
    db?.close();
    for (const side of sideFiles) rmSync(side, { force: true });
  }
}

/** The newest backup that passes verifyBackup, or null: what a damaged ledger's message names. */
export function newestGoodBackup(dataDir: string): BackupInfo | null {
  for (const b of listBackups(dataDir)) {
    try {
      verifyBackup(join(backupDir(dataDir), b.name));
      return b;
    } catch {
      // Damaged too: try the next older one.
    }
  }
  return null;
}

/**
 * A restore leaves `<ledger>.restored` so the next open runs quick_check on it (see
 * ledger/integrity.ts); the open removes it once the check passed.
 */
function markRestored(ledgerFile: string): void {
  writeFileSync(`${ledgerFile}.restored`, '');
  durableFs.fsyncDir(dirname(ledgerFile));
}

/** Stages a restore; `applyPendingRestore` performs it at the next start. */
export function stageRestore(dataDir: string, name: string, clock: Clock): { name: string; stagedAt: string } {
  if (!NAME.test(name)) throw new AppError('INVALID_INPUT', 'name: is not a backup of this app', { field: 'name' });
  const file = join(backupDir(dataDir), name);
  if (!existsSync(file)) throw new AppError('NOT_FOUND', 'That backup no longer exists.');
  verifyBackup(file);
  const staged = { name, stagedAt: clock.now().toISOString() };
  writeFileSync(join(dataDir, PENDING_RESTORE), JSON.stringify(staged));
  return staged;
}

/**
 * Runs before the ledger is opened. Keeps the current file as a 'pre-restore' backup,
 * then puts the chosen backup in its place (removing the old WAL and SHM, which belong
 * to the replaced file). Returns the restored backup's name, or null.
 */
export function applyPendingRestore(dataDir: string, ledgerFile: string, now: Date): string | null {
  const marker = join(dataDir, PENDING_RESTORE);
  if (!existsSync(marker)) return null;
  const { name } = JSON.parse(readFileSync(marker, 'utf8')) as { name: string };
  const source = join(backupDir(dataDir), name);
  if (!NAME.test(name) || !existsSync(source)) {
    rmSync(marker, { force: true });
    return null;
  }
  verifyBackup(source);
  if (existsSync(ledgerFile)) {
    // The old file is closed at this point: fold its WAL in by opening it once, then keep a copy.
    const old = openSqlite(ledgerFile);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    mkdirSync(backupDir(dataDir), { recursive: true });
    copyDurably(ledgerFile, join(backupDir(dataDir), `ledger-${stamp(now)}-pre-restore.sqlite3`));
  }
  // Each step reaches the disk before the next: the copy is whole before the old WAL goes
  // (a crash between leaves the old ledger, still whole, and the marker to try again), the
  // WAL is gone before the rename (so it is never replayed over the restored file), and
  // the marker goes last.
  const tmp = `${ledgerFile}.restoring`;
  copyFileSync(source, tmp);
  durableFs.fsyncFile(tmp);
  removeDurably([`${ledgerFile}-wal`, `${ledgerFile}-shm`]);
  renameDurably(tmp, ledgerFile);
  removeDurably([marker]);
  markRestored(ledgerFile);
  applyRetention(dataDir);
  return name;
}
