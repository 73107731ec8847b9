import { closeSync, existsSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ledgerPath } from '../../../src/main/data-dir';
import { openMarker, restoredMarker } from '../../../src/main/ledger/integrity';
import { ledgerAccounts as A, naturalBalance, postTransaction } from '../../../src/main/ledger/journal';
import { applyPendingRestore, backupDir, createBackup, stageRestore } from '../../../src/main/services/backup/backup-service';
import { durableFs } from '../../../src/main/services/backup/durable-fs';
import { createTestApp, type TestApp } from '../../support/app';
import { makeTempDir } from '../../support/temp-dir';

function seedMoney(app: TestApp, amount: number) {
  const now = app.clock.now().toISOString();
  app.ctx.ledger.sqlite.prepare("INSERT OR IGNORE INTO customers (id, email, name, created_at, updated_at) VALUES ('c1', 'a@b.c', 'A', ?, ?)").run(now, now);
  postTransaction(app.ctx.ledger.sqlite, { kind: 'payment', description: 'Payment', occurredAt: app.clock.now(), customerId: 'c1', paymentMethod: 'bank', postings: [{ account: A.cash, amount }, { account: A.credit('c1'), amount: -amount }] }, app.clock.now());
}

/** Every fsync, with what the disk looked like at that moment. */
function watchSyncs(watched: string[]) {
  const log: { op: 'file' | 'dir'; path: string; exists: Record<string, boolean> }[] = [];
  const snapshot = () => Object.fromEntries(watched.map((p) => [p, existsSync(p)]));
  const file = durableFs.fsyncFile.bind(durableFs);
  const dir = durableFs.fsyncDir.bind(durableFs);
  vi.spyOn(durableFs, 'fsyncFile').mockImplementation((path) => {
    log.push({ op: 'file', path, exists: snapshot() });
    file(path);
  });
  vi.spyOn(durableFs, 'fsyncDir').mockImplementation((path) => {
    log.push({ op: 'dir', path, exists: snapshot() });
    dir(path);
  });
  return log;
}

/** Scribbles over every page but the first (the schema): what a torn write or bad sector leaves. */
function damage(file: string) {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  try {
    for (let at = 4096; at + 4096 <= size; at += 4096) writeSync(fd, Buffer.alloc(512, 0x5a), 0, 512, at + 8);
  } finally {
    closeSync(fd);
  }
}

describe('backup and restore durability', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('fsyncs a backup before renaming it into place, and its folder after', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const app = await createTestApp({ dataDir: temp.dir });
    cleanups.push(() => app.ctx.close());
    seedMoney(app, 12_345);
    const now = app.clock.now();
    const name = `ledger-${now.toISOString().replace(/[-:.]/g, '')}-manual.sqlite3`;
    const final = join(backupDir(temp.dir), name);
    const partial = `${final}.partial`;
    const log = watchSyncs([final, partial]);
    await createBackup(app.ctx.ledger.sqlite, temp.dir, 'manual', now);
    const fileSync = log.findIndex((e) => e.op === 'file' && e.path === partial);
    expect(fileSync).toBeGreaterThanOrEqual(0);
    expect(log[fileSync]!.exists).toEqual({ [final]: false, [partial]: true }); // synced whole before the rename
    const dirSync = log.findIndex((e, i) => i > fileSync && e.op === 'dir' && e.path === backupDir(temp.dir));
    expect(dirSync).toBeGreaterThan(fileSync);
    expect(log[dirSync]!.exists).toEqual({ [final]: true, [partial]: false }); // the rename itself made durable
  });

  it('makes every step of a restore durable: the copy before the old WAL goes, the WAL removal and the rename before the marker goes', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const app = await createTestApp({ dataDir: temp.dir });
    seedMoney(app, 12_345);
    const made = await createBackup(app.ctx.ledger.sqlite, temp.dir, 'manual', app.clock.now());
    seedMoney(app, 1);
    stageRestore(temp.dir, made.name, app.clock);
    await app.ctx.close();
    const ledger = ledgerPath(temp.dir);
    const restoring = `${ledger}.restoring`;
    const marker = join(temp.dir, 'restore-pending.json');
    const log = watchSyncs([restoring, `${ledger}-wal`, marker]);
    expect(applyPendingRestore(temp.dir, ledger, new Date(Date.UTC(2026, 0, 16)))).toBe(made.name);

    // The pre-restore copy of the old ledger is synced before it is listed.
    expect(log.some((e) => e.op === 'file' && e.path.startsWith(join(backupDir(temp.dir), 'ledger-')) && e.path.endsWith('-pre-restore.sqlite3.partial'))).toBe(true);
    const copySynced = log.findIndex((e) => e.op === 'file' && e.path === restoring);
    expect(copySynced).toBeGreaterThanOrEqual(0);
    // The copy is whole on disk first; then the old WAL's removal is made durable (the folder
    // synced while the copy still waits under its temporary name), then the rename.
    const walGone = log.findIndex((e, i) => i > copySynced && e.op === 'dir' && e.path === temp.dir && !e.exists[`${ledger}-wal`] && e.exists[restoring]!);
    expect(walGone).toBeGreaterThan(copySynced); // WAL removal durable before the rename
    const renamed = log.findIndex((e, i) => i > walGone && e.op === 'dir' && e.path === temp.dir && !e.exists[restoring]! && e.exists[marker]!);
    expect(renamed).toBeGreaterThan(walGone); // the rename durable while the marker still says "restore pending"
    expect(log.some((e, i) => i > renamed && e.op === 'dir' && e.path === temp.dir && !e.exists[marker])).toBe(true);
    // The next open checks the restored file (then forgets the marker).
    expect(existsSync(restoredMarker(ledger))).toBe(true);
    const next = await createTestApp({ dataDir: temp.dir });
    cleanups.push(() => next.ctx.close());
    expect(naturalBalance(next.ctx.ledger.sqlite, A.cash)).toBe(12_345);
    expect(existsSync(restoredMarker(ledger))).toBe(false);
  });

  it('after an unclean shutdown, refuses to run on a damaged ledger and names the newest good backup', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const app = await createTestApp({ dataDir: temp.dir });
    for (let i = 0; i < 300; i++) seedMoney(app, 100 + i);
    const older = await createBackup(app.ctx.ledger.sqlite, temp.dir, 'daily', app.clock.now());
    app.clock.advance(3_600_000);
    const newest = await createBackup(app.ctx.ledger.sqlite, temp.dir, 'manual', app.clock.now());
    const ledger = ledgerPath(temp.dir);
    expect(existsSync(openMarker(ledger))).toBe(true); // open: the marker says so
    await app.ctx.close();
    expect(existsSync(openMarker(ledger))).toBe(false); // a clean close removes it

    // A clean close: no check needed, and a (hypothetically) damaged file would only be noticed later.
    // An unclean one: the marker is still there (as a crash or power cut leaves it), and the file is damaged.
    writeFileSync(openMarker(ledger), '4242');
    damage(ledger);
    damage(join(backupDir(temp.dir), newest.name)); // the newest backup is damaged too: the older one is named
    const failed = createTestApp({ dataDir: temp.dir });
    await expect(failed).rejects.toMatchObject({ code: 'LEDGER_DAMAGED' });
    const message = await failed.catch((e: Error) => e.message);
    expect(message).toMatch(/damaged \(checked after an unclean shutdown/);
    expect(message).toContain(older.name);
    expect(message).not.toContain(newest.name);
    expect(message).toContain(join(backupDir(temp.dir), older.name));
    // Nothing ran on it: the marker still asks for the check at the next start.
    expect(existsSync(openMarker(ledger))).toBe(true);
  });

  it('opens a ledger that passes the check after an unclean shutdown, and keeps working', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const app = await createTestApp({ dataDir: temp.dir });
    seedMoney(app, 500);
    await app.ctx.close();
    const ledger = ledgerPath(temp.dir);
    writeFileSync(openMarker(ledger), '4242');
    const next = await createTestApp({ dataDir: temp.dir });
    cleanups.push(() => next.ctx.close());
    expect(naturalBalance(next.ctx.ledger.sqlite, A.cash)).toBe(500);
  });
});
