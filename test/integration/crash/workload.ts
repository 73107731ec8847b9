import { readFileSync, writeFileSync } from 'node:fs';
import type { AppContext } from '../../../src/main/app-context';
import type { SecretStore } from '../../../src/main/secrets/secret-store';
import { mulberry32 } from '../../../src/shared/prng';

/**
 * The crash test's shared pieces: a secrets file (test-only: the sandbox's public keys
 * must survive the SIGKILLed worker's restarts) and the deterministic workload step.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}
  private read(): Record<string, string> {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }
  async set(name: string, secret: string) {
    writeFileSync(this.file, JSON.stringify({ ...this.read(), [name]: secret }));
  }
  async get(name: string) {
    return this.read()[name] ?? null;
  }
  async delete(name: string) {
    const all = this.read();
    const had = name in all;
    delete all[name];
    writeFileSync(this.file, JSON.stringify(all));
    return had;
  }
  async list() {
    return Object.keys(this.read()).sort();
  }
}

export const CUSTOMERS = 10;
export const STEPS = 200;

/** One step of the workload; the same index always does the same thing. Refusals are part of the game. */
export async function runStep(ctx: AppContext, index: number, ids: { psx: string; wzx: string; customers: string[] }): Promise<string> {
  const r = mulberry32(1000 + index);
  const customerId = ids.customers[Math.floor(r() * ids.customers.length)]!;
  const pick = r();
  try {
    if (pick < 0.3) {
      await ctx.proxies.create({ accountId: ids.psx, customerId, country: r() < 0.5 ? 'DE' : 'US', days: 1 + Math.floor(r() * 20), exclusive: false, isPrivate: r() < 0.2, confirmBelowCost: false });
      return 'port';
    }
    if (pick < 0.5) {
      await ctx.topUps.topUp({ customerId, accountId: ids.psx, amount: 100 + Math.floor(r() * 1_000), recordAsPayment: r() < 0.5, method: 'card' });
      return 'top-up';
    }
    if (pick < 0.6) {
      const port = ctx.proxies.list({ customerId, status: 'active', limit: 1, offset: 0 }).items[0];
      if (!port) return 'skip';
      await ctx.proxies.extend({ serviceId: port.serviceId, days: 1 + Math.floor(r() * 5), confirmBelowCost: false });
      return 'extend';
    }
    if (pick < 0.85) {
      await ctx.packages.create({ accountId: ids.wzx, customerId, gb: 1 + Math.floor(r() * 4), proxyType: 'residential', topUpIfNeeded: true, confirmBelowCost: false });
      return 'package';
    }
    const pkg = ctx.packages.list({ customerId, limit: 1, offset: 0 }).items[0];
    if (pkg && r() < 0.7) {
      await ctx.packages.addGb({ serviceId: pkg.serviceId, gb: 1, topUpIfNeeded: true, confirmBelowCost: false });
      return 'add-gb';
    }
    await ctx.topUps.topUp({ customerId, accountId: ids.wzx, amount: 200 });
    return 'wzx-top-up';
  } catch (error) {
    return `refused:${(error as { code?: string }).code ?? 'ERROR'}`;
  }
}
