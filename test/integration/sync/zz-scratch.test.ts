// TEMPORARY scratch: works around the sandbox's /reseller/account bug to exercise the sync logic.
import { vi } from 'vitest';
import { createProvider } from '../../../src/main/providers';
vi.mock('../accounts/harness', async (orig) => {
  const mod = (await orig()) as typeof import('../accounts/harness');
  return {
    ...mod,
    createHarness: (o: Parameters<typeof mod.createHarness>[0] = {}) =>
      mod.createHarness({
        ...o,
        providerFactory: (kind, opts) => {
          const p = createProvider(kind, opts);
          if (kind !== 'proxies-sx') return p;
          const original = p.getAccount.bind(p);
          p.getAccount = async (ro) => {
            try { return await original(ro); } catch {
              const key = await opts.apiKey();
              const r = await fetch(`${opts.baseUrl}/reseller/balance`, { headers: { 'x-api-key': key } });
              if (r.status === 401) throw Object.assign(new (await import('../../../src/shared/errors')).AppError('INVALID_API_KEY', 'bad key'));
              const j = (await r.json()) as { balance: number };
              return { id: null, name: 'x', email: null, balance: Math.round(j.balance * 100), currency: 'USD', requestId: null };
            }
          };
          return p;
        },
      }),
  };
});
await import('./sync.test');
await import('./sync-large.test');
await import('../accounts/accounts.test');
