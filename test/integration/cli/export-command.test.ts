import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../src/main/app-context';
import { runCli } from '../../../src/main/cli/program';
import type { CliIo } from '../../../src/main/cli/runtime';
import { decimalToMinor } from '../../../src/shared/money';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';
import { readCsv } from '../exports/support/csv';
import { seedBusiness } from '../exports/support/business';

const REPO = resolve(__dirname, '../../..');

/** The CLI as a month-end cron job runs it: a separate process on a data folder. */
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('npx', ['tsx', 'src/main/cli/index.ts', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  // npm itself may warn on stderr about the machine's npmrc; that is not the CLI's output.
  const stderr = r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n');
  return { status: r.status, stdout: r.stdout, stderr };
}

describe('reseller-desk export (CLI, end to end)', () => {
  let data: { dir: string; cleanup: () => void };
  let out: { dir: string; cleanup: () => void };
  beforeAll(async () => {
    data = makeTempDir();
    out = makeTempDir('reseller-desk-out-');
    const ctx = await createAppContext({ dataDir: data.dir, secrets: new MemorySecretStore(), version: 'test' });
    seedBusiness(ctx.ledger.sqlite);
    // The same export from the service, to compare byte for byte.
    await ctx.exports.run({ kind: 'journal', from: '2026-01-01', to: '2026-01-31', path: join(out.dir, 'expected-january.csv') });
    await ctx.close();
  });
  afterAll(() => {
    data.cleanup();
    out.cleanup();
  });

  it('writes the month-end journal, the same file the app writes', () => {
    const file = join(out.dir, 'january.csv');
    const r = cli(['--data-dir', data.dir, 'export', 'journal', '--from', '2026-01-01', '--to', '2026-01-31', '--out', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = readCsv(file);
    expect(r.stdout.trim()).toBe(`Wrote ${rows.length} rows to ${file}`);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((row) => row.date! >= '2026-01-01' && row.date! < '2026-02-01')).toBe(true);
    expect(readFileSync(file)).toEqual(readFileSync(join(out.dir, 'expected-january.csv')));
    expect(readdirSync(out.dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('takes the data folder from RESELLER_DESK_DATA_DIR, filters by customer email and account name, and prints JSON', () => {
    const file = join(out.dir, 'sales.csv');
    const r = cli(['--json', 'export', 'sales', '--customer', 'C0@EXAMPLE.COM', '--account', 'Main, "PSX"', '--delimiter', 'semicolon', '--bom', '--out', file], { RESELLER_DESK_DATA_DIR: data.dir });
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { rows: number; path: string; kind: string };
    expect(result).toMatchObject({ kind: 'sales', path: file });
    const rows = readCsv(file, ';');
    expect(rows).toHaveLength(result.rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.customer_id === 'cust-001' && row.upstream_account_id === 'psx-main')).toBe(true);
    expect(rows.every((row) => decimalToMinor(row.margin!) === decimalToMinor(row.price!) - decimalToMinor(row.cost!))).toBe(true);
    expect([...readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('fails with the message and a non-zero status, never a stack, and writes nothing', () => {
    const file = join(out.dir, 'nobody.csv');
    const r = cli(['--data-dir', data.dir, 'export', 'statements', '--customer', 'nobody@example.com', '--out', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('reseller-desk: There is no customer with id or email "nobody@example.com".');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out.dir)).not.toContain('nobody.csv');

    const json = cli(['--data-dir', data.dir, '--json', 'export', 'journal', '--from', '2026-02-30', '--out', file]);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stderr)).toEqual({ error: { code: 'INVALID_INPUT', message: '--from: is not a day of the calendar' } });
  });

  it('runs in-process too, with usage errors reported by commander', async () => {
    const lines: { out: string; err: string } = { out: '', err: '' };
    const io: CliIo = { stdout: (t) => void (lines.out += t), stderr: (t) => void (lines.err += t), stderrIsTty: false };
    expect(await runCli(['export', 'ledgers', '--out', 'x.csv'], io, new AbortController().signal)).toBe(1);
    expect(lines.err).toContain("value 'ledgers' is invalid for argument 'kind'");
    lines.err = '';
    expect(await runCli(['--data-dir', data.dir, 'export', 'journal'], io, new AbortController().signal)).toBe(1);
    expect(lines.err).toContain("required option '--out <file>' not specified");
    lines.out = '';
    expect(await runCli(['--data-dir', data.dir, '--json', 'export', 'customers', '--out', join(out.dir, 'c.csv')], io, new AbortController().signal)).toBe(0);
    expect(JSON.parse(lines.out)).toMatchObject({ kind: 'customers', rows: 14 });
  });
});
