import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerAccounts as A, naturalBalance, postTransaction } from '../../../src/main/ledger/journal';
import { applyRetention, backupDir, createBackup, dailyBackupDue, listBackups, RETENTION } from '../../../src/main/services/backup/backup-service';
import { createTestApp, type TestApp } from '../../support/app';
import { makeTempDir } from '../../support/temp-dir';

function seedMoney(app: TestApp, amount: number) {
  const now = app.clock.now().toISOString();
  app.ctx.ledger.sqlite.prepare("INSERT OR IGNORE INTO customers (id, email, name, created_at, updated_at) VALUES ('c1', 'a@b.c', 'A', ?, ?)").run(now, now);
  postTransaction(app.ctx.ledger.sqlite, { kind: 'payment', description: 'Payment', occurredAt: app.clock.now(), customerId: 'c1', paymentMethod: 'bank', postings: [{ account: A.cash, amount }, { account: A.credit('c1'), amount: -amount }] }, app.clock.now());
}

describe('ledger backups', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('restores a backup through the IPC channels after confirmation and finds every balance intact', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    let app = await createTestApp({ dataDir: temp.dir });
    seedMoney(app, 12_345);
    const made = await app.dispatch('backups:create', undefined);
    expect(made).toMatchObject({ ok: true, value: { reason: 'manual' } });
    seedMoney(app, 99_999); // happens after the backup; the restore must drop it
    expect(naturalBalance(app.ctx.ledger.sqlite, A.credit('c1'))).toBe(112_344);

    const name = (made as { value: { name: string } }).value.name;
    expect(await app.dispatch('backups:restore', { name })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'confirm' } });
    expect(await app.dispatch('backups:restore', { name: '../../etc/passwd', confirm: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await app.dispatch('backups:restore', { name, confirm: true })).toMatchObject({ ok: true, value: { restartRequired: true } });
    await app.ctx.close();

    app = await createTestApp({ dataDir: temp.dir }); // the next start applies it
    cleanups.push(() => app.ctx.close());
    expect(naturalBalance(app.ctx.ledger.sqlite, A.credit('c1'))).toBe(12_345);
    expect(naturalBalance(app.ctx.ledger.sqlite, A.cash)).toBe(12_345);
    expect(app.ctx.ledger.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // The replaced ledger was kept, in case the restore was a mistake.
    expect(listBackups(temp.dir).some((b) => b.reason === 'pre-restore')).toBe(true);
  });

  it('refuses to stage a damaged backup', async () => {
    const app = await createTestApp();
    cleanups.push(() => app.close());
    const made = await createBackup(app.ctx.ledger.sqlite, app.dataDir, 'manual', app.clock.now());
    writeFileSync(join(backupDir(app.dataDir), made.name), 'garbage that is not sqlite');
    const result = await app.dispatch('backups:restore', { name: made.name, confirm: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('keeps only the newest backups of each reason and knows when a daily one is due', async () => {
    const app = await createTestApp();
    cleanups.push(() => app.close());
    expect(dailyBackupDue(app.dataDir, app.clock.now())).toBe(true);
    for (let i = 0; i < RETENTION.daily + 3; i++) {
      await createBackup(app.ctx.ledger.sqlite, app.dataDir, 'daily', app.clock.now());
      app.clock.advance(24 * 3600 * 1000);
    }
    applyRetention(app.dataDir);
    expect(listBackups(app.dataDir).filter((b) => b.reason === 'daily')).toHaveLength(RETENTION.daily);
    expect(dailyBackupDue(app.dataDir, app.clock.now())).toBe(true);
    await createBackup(app.ctx.ledger.sqlite, app.dataDir, 'daily', app.clock.now());
    expect(dailyBackupDue(app.dataDir, app.clock.now())).toBe(false);
    expect(readdirSync(backupDir(app.dataDir)).some((f) => f.endsWith('.partial'))).toBe(false);
  });

  it('does not back up a brand-new empty ledger before its first migration', async () => {
    const app = await createTestApp();
    cleanups.push(() => app.close());
    expect(existsSync(backupDir(app.dataDir))).toBe(false);
  });
});
