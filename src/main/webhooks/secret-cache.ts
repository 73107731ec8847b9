import { secretNames, type SecretStore } from '../secrets/secret-store';

/**
 * Webhook signing secrets, read from the keychain once per account and kept in memory
 * (a delivery must not wait for the OS keychain). Never logged, never returned to the
 * renderer. `forget` after a registration changes.
 */
export class WebhookSecretCache {
  private readonly cache = new Map<string, Promise<string[]>>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly registrations: (accountId: string) => string[],
  ) {}

  /** The secrets of every registration of the account (those the keychain still holds). */
  get(accountId: string): Promise<string[]> {
    let hit = this.cache.get(accountId);
    if (!hit) {
      hit = this.load(accountId);
      this.cache.set(accountId, hit);
      // A failed read is not cached: the next delivery tries the keychain again.
      hit.catch(() => this.cache.delete(accountId));
    }
    return hit;
  }

  forget(accountId?: string): void {
    if (accountId === undefined) this.cache.clear();
    else this.cache.delete(accountId);
  }

  private async load(accountId: string): Promise<string[]> {
    const out: string[] = [];
    for (const webhookId of this.registrations(accountId)) {
      const secret = await this.secrets.get(secretNames.webhookSecret(accountId, webhookId));
      if (secret) out.push(secret);
    }
    return out;
  }
}
