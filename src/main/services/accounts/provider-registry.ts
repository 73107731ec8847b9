import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import type { HttpOptions, Provider, ProviderKind, ProviderOptions, ProxiesSxAuth } from '../../providers/types';
import { secretNames, type SecretStore } from '../../secrets/secret-store';
import { requireActiveAccount } from './account-repository';
import { capabilityStates, rememberCapability } from './capability-store';

/** Builds an adapter for one upstream (providers/index.ts supplies the real one). */
export type ProviderFactory = (kind: ProviderKind, options: ProviderOptions) => Provider;

export interface ProviderRegistryDeps {
  ledger: Ledger;
  secrets: SecretStore;
  clock: Clock;
  factory: ProviderFactory;
  auth: ProxiesSxAuth;
  /** Overrides for every adapter built here (tests: a faster budget, no retries). */
  http?: HttpOptions;
}

/**
 * One adapter per active upstream account, built from the account row (kind, name,
 * base URL) and a key reader over the keychain. The key is read once and kept in memory
 * for the adapter's life; `invalidate` drops both when the account's key, URL or name
 * changes or the account is removed.
 */
export interface ProviderRegistry {
  /** The adapter for a saved, active account (cached). */
  forAccount(accountId: string): Provider;
  /**
   * An uncached adapter for credentials that are not saved yet (verifying a new key).
   * The caller closes it.
   */
  forCredentials(input: { provider: ProviderKind; accountName: string; baseUrl: string; apiKey: string }): Provider;
  /** Proxies.sx sign-in and key minting (no key needed). */
  readonly proxiesSxAuth: ProxiesSxAuth;
  readonly http: HttpOptions | undefined;
  invalidate(accountId: string): Promise<void>;
  close(): Promise<void>;
}

export function createProviderRegistry(deps: ProviderRegistryDeps): ProviderRegistry {
  const cache = new Map<string, { provider: Provider; signature: string }>();

  function options(accountName: string, baseUrl: string, apiKey: () => Promise<string>): ProviderOptions {
    const out: ProviderOptions = { accountName, baseUrl, apiKey, clock: deps.clock };
    if (deps.http) out.http = deps.http;
    return out;
  }

  function keyReader(accountId: string, accountName: string): () => Promise<string> {
    let cached: string | null = null;
    return async () => {
      if (cached) return cached;
      const key = await deps.secrets.get(secretNames.apiKey(accountId));
      if (!key) {
        throw new AppError(
          'INVALID_API_KEY',
          `No API key is stored for '${accountName}'. Paste the key again in Settings → Accounts.`,
        );
      }
      cached = key;
      return key;
    };
  }

  return {
    proxiesSxAuth: deps.auth,
    http: deps.http,
    forAccount(accountId) {
      const row = requireActiveAccount(deps.ledger, accountId);
      const signature = `${row.provider}|${row.name}|${row.base_url}|${row.key_hint ?? ''}|${row.updated_at}`;
      const hit = cache.get(accountId);
      if (hit && hit.signature === signature) return hit.provider;
      if (hit) void hit.provider.close().catch(() => {});
      const opts = options(row.name, row.base_url, keyReader(row.id, row.name));
      // What was learned about this account's upstream, read on every use; a use that
      // teaches something new (a route missing, or answering) is remembered at once.
      opts.capabilityStates = () => capabilityStates(deps.ledger.sqlite, row.id);
      opts.onCapabilityLearned = (cap, state, detail) =>
        rememberCapability(deps.ledger.sqlite, row.id, cap, state, 'first-use', detail, deps.clock.now().toISOString());
      const provider = deps.factory(row.provider, opts);
      cache.set(accountId, { provider, signature });
      return provider;
    },
    forCredentials({ provider, accountName, baseUrl, apiKey }) {
      return deps.factory(provider, options(accountName, baseUrl, async () => apiKey));
    },
    async invalidate(accountId) {
      const hit = cache.get(accountId);
      cache.delete(accountId);
      if (hit) await hit.provider.close().catch(() => {});
    },
    async close() {
      const all = [...cache.values()];
      cache.clear();
      await Promise.all(all.map((h) => h.provider.close().catch(() => {})));
    },
  };
}
