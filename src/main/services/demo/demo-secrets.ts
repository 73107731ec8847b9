import { isAppError } from '../../../shared/errors';
import type { SecretStore } from '../../secrets/secret-store';

/**
 * The demo's secret store: the system keychain when there is one. The demo only ever
 * stores the embedded sandbox's published, fixed keys, so where no keychain exists
 * (a headless machine, CI) they are kept in memory for the demo's run instead of failing
 * — never on disk. Real upstream keys never go through this store.
 */
export class DemoSecretStore implements SecretStore {
  private readonly memory = new Map<string, string>();
  fellBack = false;

  constructor(private readonly keychain: SecretStore) {}

  private async orMemory<T>(keychain: () => Promise<T>, memory: () => T): Promise<T> {
    if (this.fellBack) return memory();
    try {
      return await keychain();
    } catch (error) {
      if (!(isAppError(error) && error.code === 'KEYCHAIN_UNAVAILABLE')) throw error;
      this.fellBack = true;
      return memory();
    }
  }

  set(name: string, secret: string): Promise<void> {
    return this.orMemory(
      () => this.keychain.set(name, secret),
      () => void this.memory.set(name, secret),
    );
  }

  get(name: string): Promise<string | null> {
    return this.orMemory(
      () => this.keychain.get(name),
      () => this.memory.get(name) ?? null,
    );
  }

  delete(name: string): Promise<boolean> {
    return this.orMemory(
      () => this.keychain.delete(name),
      () => this.memory.delete(name),
    );
  }

  list(): Promise<string[]> {
    return this.orMemory(
      () => this.keychain.list(),
      () => [...this.memory.keys()].sort(),
    );
  }
}
