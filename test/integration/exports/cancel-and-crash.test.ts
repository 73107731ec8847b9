import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../src/shared/contract/exports';
import { createExportService } from '../../../src/main/services/exports/export-service';
import { createTestApp, type TestApp } from '../../support/app';
import { makeTempDir } from '../../support/temp-dir';
import { seedBulkJournal } from './support/bulk';

const REPO = resolve(__dirname, '../../..');

describe('an export that does not finish leaves no file under its name', () => {
  let app: TestApp;
  let out: { dir: string; cleanup: () => void };
  beforeEach(async () => {
    app = await createTestApp();
    out = makeTempDir('reseller-desk-export-');
    seedBulkJournal(app.ctx.ledger.sqlite, 3_000); // 6,000 postings
  });
  afterEach(async () => {
    await app.close();
    out.cleanup();
  });

  it('cancelled through its AbortSignal: rejected with CANCELLED, no file, no temporary file', async () => {
    const service = createExportService({ ledger: app.ctx.ledger, clock: app.ctx.clock, bus: app.ctx.bus, progressEvery: 100 });
    const controller = new AbortController();
    const seen: ExportProgress[] = [];
    const target = join(out.dir, 'journal.csv');
    const run = service.run({ kind: 'journal', path: target }, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.rowsDone >= 1_000) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(out.dir)).toEqual([]);
    expect(seen[0]).toMatchObject({ rowsDone: 0, rowsTotal: 6_000, state: 'running' });
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled' });
    expect(seen.at(-1)!.rowsDone).toBeLessThan(6_000);
    expect(service.runningJobs()).toEqual([]);
  });

  it('cancelled from the window (exports:cancel by job id) while progress events arrive', async () => {
    const target = join(out.dir, 'journal.csv');
    const events: ExportProgress[] = [];
    const cancels: Promise<unknown>[] = [];
    const unsubscribe = app.ctx.bus.subscribe((name, payload) => {
      if (name !== 'event:export-progress') return;
      const p = payload as ExportProgress;
      events.push(p);
      if (p.state === 'running' && p.rowsDone >= 1_000 && cancels.length === 0) cancels.push(app.dispatch('exports:cancel', { jobId: 'job-42' }));
    });
    const result = await app.dispatch('exports:run', { kind: 'journal', path: target, jobId: 'job-42' });
    unsubscribe();
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await cancels[0]).toEqual({ ok: true, value: { cancelled: true } });
    expect(await app.dispatch('exports:cancel', { jobId: 'job-42' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(out.dir)).toEqual([]);
    expect(events.map((e) => e.jobId)).toEqual(events.map(() => 'job-42'));
    expect(events.at(-1)!.state).toBe('cancelled');
  });

  it('completes through the channel, reports progress to the end, remembers the folder, and never lets the page replace a file it was not given', async () => {
    expect(await app.dispatch('exports:last-folder', undefined)).toEqual({ ok: true, value: { folder: null } });
    const events: ExportProgress[] = [];
    const unsubscribe = app.ctx.bus.subscribe((name, payload) => {
      if (name === 'event:export-progress') events.push(payload as ExportProgress);
    });
    const target = join(out.dir, 'journal.csv');
    const result = await app.dispatch('exports:run', { kind: 'journal', path: target });
    unsubscribe();
    expect(result).toMatchObject({ ok: true, value: { kind: 'journal', path: target, rows: 6_000 } });
    expect(statSync(target).size).toBe((result as { value: { bytes: number } }).value.bytes);
    expect(events.map((e) => e.rowsDone)).toEqual([0, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000]);
    expect(events.at(-1)).toMatchObject({ state: 'done', rowsTotal: 6_000 });
    expect(readdirSync(out.dir)).toEqual(['journal.csv']);
    expect(await app.dispatch('exports:last-folder', undefined)).toEqual({ ok: true, value: { folder: out.dir } });
    // The page may create a new .csv file; replacing one, or writing anything else, takes the Save dialog.
    const before = readFileSync(target);
    expect(await app.dispatch('exports:run', { kind: 'sales', path: target })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'path' } });
    expect(readFileSync(target)).toEqual(before);
    const profile = join(out.dir, '.bashrc');
    expect(await app.dispatch('exports:run', { kind: 'sales', path: profile })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(existsSync(profile)).toBe(false);
    app.ctx.exports.grantPath(target); // what the shell does with the file chosen in its Save dialog
    expect(await app.dispatch('exports:run', { kind: 'sales', path: target })).toMatchObject({ ok: true, value: { kind: 'sales' } });
    expect(await app.dispatch('exports:run', { kind: 'journal', path: target, delimiter: '|' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'delimiter' } });
  });

  it('closing the app cancels a running export and removes its temporary file first', async () => {
    const other = await createTestApp();
    seedBulkJournal(other.ctx.ledger.sqlite, 3_000);
    const target = join(out.dir, 'journal.csv');
    let closing: Promise<void> | null = null;
    const run = other.ctx.exports.run({ kind: 'journal', path: target }, {
      onProgress: (p) => {
        if (p.rowsDone >= 1_000 && !closing) closing = other.close();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    await closing;
    expect(closing).not.toBeNull();
    expect(readdirSync(out.dir)).toEqual([]);
  });

  it('a later export to the same name sweeps .part files a crash left over a day ago, not younger ones', async () => {
    const target = join(out.dir, 'journal.csv');
    const old = join(out.dir, '.journal.csv.0badc0de.part');
    const young = join(out.dir, '.journal.csv.12345678.part');
    const other = join(out.dir, '.other.csv.0badc0de.part');
    for (const f of [old, young, other]) writeFileSync(f, 'partial');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    utimesSync(other, twoDaysAgo, twoDaysAgo);
    await app.ctx.exports.run({ kind: 'journal', path: target });
    expect(readdirSync(out.dir).sort()).toEqual(['.journal.csv.12345678.part', '.other.csv.0badc0de.part', 'journal.csv']);
  });

  it('killed mid-way (SIGKILL): nothing under the final name, only a hidden .part file', async () => {
    seedBulkJournal(app.ctx.ledger.sqlite, 27_000); // 60,000 postings in all
    const target = join(out.dir, 'journal.csv');
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support/export-child.ts'), app.dataDir, target], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolveExit) => child.on('exit', (_code, signal) => resolveExit(signal)));
    await new Promise<void>((resolveMidway, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('MIDWAY')) resolveMidway();
      });
      child.on('exit', () => reject(new Error(`child ended before mid-way: ${stdout} ${stderr}`)));
    });
    const parts = () => readdirSync(out.dir).filter((f) => f.startsWith('.journal.csv.') && f.endsWith('.part'));
    expect(parts()).toHaveLength(1);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(stdout).not.toContain('FINISHED');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(out.dir)).toEqual(parts());
  });
});
