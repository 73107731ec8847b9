import { AppError } from '../../../shared/errors';
import type { ProviderKind, Traced } from '../../providers/types';
import type { ProviderRegistry } from './provider-registry';

/**
 * Calls the upstream with credentials that are not saved yet, through a DOCUMENTED read
 * (Proxies.sx: `GET /reseller/customers?limit=1`; Whozex: `GET /account`), so a real
 * account can be added whatever the upstream offers beyond its documents. A refusal keeps
 * the upstream's reason (code and message) and says that nothing was stored.
 */
export async function verifyCredentials(
  providers: ProviderRegistry,
  input: { provider: ProviderKind; accountName: string; baseUrl: string; apiKey: string },
): Promise<Traced> {
  const provider = providers.forCredentials(input);
  try {
    return await provider.verifyKey();
  } catch (error) {
    if (error instanceof AppError) {
      const field = error.code === 'INVALID_API_KEY' || error.code === 'FORBIDDEN' ? 'apiKey' : error.field;
      const options: ConstructorParameters<typeof AppError>[2] = { cause: error };
      if (field) options.field = field;
      if (error.details) options.details = error.details;
      throw new AppError(error.code, `${error.message} Nothing was saved.`, options);
    }
    throw error;
  } finally {
    await provider.close().catch(() => {});
  }
}

/** Base URLs are stored without a trailing slash, so paths join the same way everywhere. */
export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}
