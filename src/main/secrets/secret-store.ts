/** Where upstream API keys and webhook secrets live: the OS keychain, nothing else. */
export interface SecretStore {
  set(name: string, secret: string): Promise<void>;
  /** The secret, or null when none is stored under this name. */
  get(name: string): Promise<string | null>;
  /** True when something was deleted. */
  delete(name: string): Promise<boolean>;
  /** Names stored by this app (not the secrets). */
  list(): Promise<string[]>;
}

/** Keychain entry names: one per account key and per webhook secret. */
export const secretNames = {
  apiKey: (accountId: string) => `account:${accountId}:api-key`,
  webhookSecret: (accountId: string, webhookId: string) => `account:${accountId}:webhook:${webhookId}`,
};

/**
 * The only form of a secret any screen or log may show: the prefix up to its first
 * underscore (or 4 characters) and the last 4 characters, e.g. `psx_…a1b2`.
 */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '…' + secret.slice(-2);
  const underscore = secret.indexOf('_');
  const prefix = underscore > 0 && underscore <= 8 ? secret.slice(0, underscore + 1) : secret.slice(0, 4);
  return `${prefix}…${secret.slice(-4)}`;
}
