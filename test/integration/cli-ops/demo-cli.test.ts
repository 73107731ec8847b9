import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerPage } from '../../../src/shared/contract/customers';
import type { LedgerBalances } from '../../../src/shared/contract/money';
import type { PackagePage } from '../../../src/shared/contract/packages';
import type { FormattedCredentials, PortPage } from '../../../src/shared/contract/proxies';
import { createTestApp, type TestApp } from '../../support/app';
import { makeTempDir } from '../../support/temp-dir';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function cli(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: ROOT, env: { ...process.env, RESELLER_DESK_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const temp = makeTempDir('reseller-desk-demo-');
let demo: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  demo = await cli(temp.dir, ['--json', 'demo']);
}, 120_000);
afterAll(() => temp.cleanup());

async function withApp<T>(fn: (app: TestApp) => Promise<T>): Promise<T> {
  const app = await createTestApp({ dataDir: temp.dir });
  try {
    return await fn(app);
  } finally {
    await app.ctx.close();
  }
}

async function call<T>(app: TestApp, channel: string, input?: unknown): Promise<T> {
  const r = await app.dispatch(channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('npm run cli -- demo', () => {
  it('fills the data folder with a business that the channels show', async () => {
    expect(demo.code, demo.stderr).toBe(0);
    const summary = JSON.parse(demo.stdout) as { customers: number; sales: number; ports: number; packages: number; profit: number; operations: { pending: number } };
    expect(summary).toMatchObject({ customers: 40, operations: { pending: 0 } });
    expect(summary.sales).toBeGreaterThan(50);
    await withApp(async (app) => {
      const customers = await call<CustomerPage>(app, 'customers:list', { limit: 100 });
      expect(customers.total).toBe(40);
      expect(customers.items.some((c) => c.receivable > 0 || c.credit > 0)).toBe(true);
      const ports = await call<PortPage>(app, 'proxies:list', { limit: 500 });
      expect(ports.total).toBe(summary.ports);
      expect(ports.items.filter((p) => p.status === 'expired').length).toBeGreaterThan(0);
      const packages = await call<PackagePage>(app, 'packages:list', {});
      expect(packages.total).toBe(summary.packages);
      expect(packages.items.some((p) => p.usedGbMilli > 0)).toBe(true);
      const balances = await call<LedgerBalances>(app, 'ledger:balances', { to: '2100-01-01T00:00:00.000Z' });
      expect(balances.revenue - balances.cost).toBe(summary.profit);
      expect(balances.profit).toBeGreaterThan(0);
      const creds = await call<FormattedCredentials>(app, 'credentials:format', { serviceIds: ports.items.slice(0, 3).map((p) => p.serviceId), format: 'host:port:user:pass' });
      expect(creds.text.split('\n')).toHaveLength(3);
      // Sales span several months.
      const months = app.ctx.ledger.sqlite.prepare("SELECT count(DISTINCT substr(occurred_at, 1, 7)) FROM sales").pluck().get() as number;
      expect(months).toBeGreaterThanOrEqual(4);
    });
  });

  it('runs the local commands, human by default and JSON with --json, errors on stderr with a non-zero exit', async () => {
    const list = await cli(temp.dir, ['--json', 'customers', 'list', '--limit', '5']);
    expect(list.code).toBe(0);
    const page = JSON.parse(list.stdout) as CustomerPage;
    expect(page.items).toHaveLength(5);
    const email = page.items[0]!.email;

    const paid = await cli(temp.dir, ['pay', email, '12.34', '--method', 'crypto', '--reference', 'TX-1']);
    expect(paid.code, paid.stderr).toBe(0);
    expect(paid.stdout).toMatch(/Recorded \$12\.34 \(crypto\)/);

    const quote = await cli(temp.dir, ['quote', 'port', '--country', 'DE', '--days', '30']);
    expect(quote.stdout).toMatch(/cost\s+\$60\.00/);
    expect(quote.stdout).toMatch(/price\s+\$75\.00/);

    const bad = await cli(temp.dir, ['pay', 'nobody@example.com', '10']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/no customer with id or email "nobody@example.com"/);
    const badJson = await cli(temp.dir, ['--json', 'pay', email, 'ten']);
    expect(badJson.code).not.toBe(0);
    expect(JSON.parse(badJson.stderr.trim().split('\n').pop()!)).toMatchObject({ error: { code: 'INVALID_INPUT' } });

    const again = await cli(temp.dir, ['demo']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds 40 customers/);
  }, 120_000);
});
