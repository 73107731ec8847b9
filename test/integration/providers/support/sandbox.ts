import { AppError } from '../../../../src/shared/errors';
import { startSandbox, type RunningSandbox } from '../../../../src/main/sandbox/index';
import { createProvider, type HttpOptions, type Provider, type ProviderKind } from '../../../../src/main/providers';

export type { RunningSandbox };
export { startSandbox };

let seq = 0;
/** A fresh operations-journal-style idempotency key. */
export const key = (): { idempotencyKey: string } => ({ idempotencyKey: `op_${process.pid}_${Date.now().toString(36)}_${seq++}` });

/** Retries happen at once in tests; the budget stays below the sandbox's 50 req/s. */
export function fastHttp(extra: HttpOptions = {}): HttpOptions {
  return { sleep: async () => {}, random: () => 0, budget: { perSecond: 40, burst: 40 }, ...extra };
}

export function providerFor(sb: RunningSandbox, kind: ProviderKind, opts: { apiKey?: string; accountName?: string; http?: HttpOptions } = {}): Provider {
  const target = kind === 'proxies-sx' ? sb.proxiesSx : sb.whozex;
  const apiKey = opts.apiKey ?? target.apiKey;
  return createProvider(kind, {
    accountName: opts.accountName ?? (kind === 'proxies-sx' ? 'PSX Main' : 'Whozex Main'),
    baseUrl: target.baseUrl,
    apiKey: async () => apiKey,
    http: opts.http ?? fastHttp(),
  });
}

export async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
