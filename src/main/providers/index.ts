/**
 * The provider layer's public face: build a Provider for an upstream account, plus the
 * Proxies.sx sign-in helpers. Services import from here and from ./types only.
 */
import { ProxiesSxProvider } from './proxies-sx/proxies-sx-provider';
import type { Provider, ProviderKind, ProviderOptions } from './types';
import { WhozexProvider } from './whozex/whozex-provider';

export * from './types';
export { proxiesSxAuth, proxiesSxCreateApiKey, proxiesSxLogin } from './proxies-sx/auth';
export { PROXIES_SX_CAPABILITIES } from './proxies-sx/proxies-sx-provider';
export { WHOZEX_CAPABILITIES } from './whozex/whozex-provider';

/** One Provider per upstream account (it owns a pooled connection Agent: close() it when done). */
export function createProvider(kind: ProviderKind, options: ProviderOptions): Provider {
  switch (kind) {
    case 'proxies-sx':
      return new ProxiesSxProvider(options);
    case 'whozex':
      return new WhozexProvider(options);
  }
}

/** The default API address of each upstream. */
export const DEFAULT_BASE_URL: Record<ProviderKind, string> = {
  'proxies-sx': 'https://api.proxies.sx/v1',
  whozex: 'https://api.whozex.com/v1',
};
