import type { AccountView } from '../../../shared/contract/accounts';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import { all, first } from '../../ledger/sql';
import type { ProviderKind } from '../../providers/types';
import type { SandboxKeyFallback } from '../../secrets/sandbox-key-fallback';
import { secretNames } from '../../secrets/secret-store';
import { updateAccountRow } from './account-repository';
import type { AccountsService } from './accounts-service';
import { normalizeBaseUrl } from './verify-credentials';

/** What the embedded sandbox tells the app (a structural slice of RunningSandbox). */
export interface SandboxEndpoints {
  proxiesSx: { baseUrl: string; apiKey: string };
  whozex: { baseUrl: string; apiKey: string };
}

/** Remembers that the first-run accounts were offered, so a removed one never comes back. */
export const SANDBOX_ACCOUNTS_SETTING = 'internal.sandboxAccountsCreated';

export const SANDBOX_ACCOUNT_NAMES: Record<ProviderKind, string> = {
  'proxies-sx': 'Sandbox · Proxies.sx',
  whozex: 'Sandbox · Whozex',
};

interface Deps {
  ledger: Ledger;
  clock: Clock;
  accounts: AccountsService;
  /** The app's secret store: the sandbox's keys are held there even without a keychain. */
  secrets?: Pick<SandboxKeyFallback, 'admitPublicKey' | 'hold'>;
}

/**
 * On first run adds "Sandbox · Proxies.sx" and "Sandbox · Whozex" (is_sandbox = 1) with
 * the sandbox's seeded keys. On every run, points the sandbox accounts that still exist
 * at the running sandbox's addresses (its ports are ephemeral). Returns the accounts added.
 */
export async function ensureSandboxAccounts(deps: Deps, sandbox: SandboxEndpoints): Promise<AccountView[]> {
  const { ledger } = deps;
  const endpoints: Record<ProviderKind, { baseUrl: string; apiKey: string }> = {
    'proxies-sx': sandbox.proxiesSx,
    whozex: sandbox.whozex,
  };

  // The sandbox's keys are published: they need no keychain (a desktop without one still runs the sandbox).
  for (const endpoint of Object.values(endpoints)) deps.secrets?.admitPublicKey(endpoint.apiKey);

  // Existing sandbox accounts follow the sandbox to its current port, and take its current
  // key (the sandbox keeps its state, including a regenerated Whozex key).
  const existing = all(
    ledger.sqlite,
    ledger.kysely.selectFrom('provider_accounts').select(['id', 'provider', 'base_url']).where('is_sandbox', '=', 1).where('status', '=', 'active'),
  );
  for (const row of existing) {
    const url = normalizeBaseUrl(endpoints[row.provider].baseUrl);
    // The key first: the capability check below uses it.
    deps.secrets?.hold(secretNames.apiKey(row.id), endpoints[row.provider].apiKey);
    // The key is not verified again (this is our own process); the registry rebuilds the
    // adapter because the row changed.
    if (row.base_url !== url) {
      updateAccountRow(ledger, row.id, { baseUrl: url }, deps.clock.now().toISOString());
      // The sandbox may run another profile (documented/extended) than last time: learn again.
      await deps.accounts.checkCapabilities(row.id).catch(() => undefined);
    }
  }

  const done = first(ledger.sqlite, ledger.kysely.selectFrom('settings').select('value').where('key', '=', SANDBOX_ACCOUNTS_SETTING));
  if (done) return [];

  const added: AccountView[] = [];
  for (const provider of ['proxies-sx', 'whozex'] as const) {
    const taken = existing.some((row) => row.provider === provider);
    if (taken) continue;
    const { baseUrl, apiKey } = endpoints[provider];
    added.push(await deps.accounts.addUnverified({ provider, name: SANDBOX_ACCOUNT_NAMES[provider], baseUrl, apiKey, isSandbox: true }));
  }
  ledger.sqlite
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING')
    .run(SANDBOX_ACCOUNTS_SETTING, JSON.stringify(true), deps.clock.now().toISOString());
  return added;
}
