import type { SecretStore } from '../../src/main/secrets/secret-store';

/**
 * An in-process SecretStore for tests of services that are not about the keychain.
 * The keychain itself is tested against a real Secret Service (test/unit/secrets).
 */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  async set(name: string, secret: string) {
    this.values.set(name, secret);
  }
  async get(name: string) {
    return this.values.get(name) ?? null;
  }
  async delete(name: string) {
    return this.values.delete(name);
  }
  async list() {
    return [...this.values.keys()].sort();
  }
}
