import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { AppError } from '../../shared/errors';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'reseller-desk';

function unavailable(cause: unknown): AppError {
  return new AppError(
    'KEYCHAIN_UNAVAILABLE',
    'The system keychain is not available, so API keys cannot be stored or read. ' +
      'On Linux, install and unlock a Secret Service (GNOME Keyring or KWallet); on macOS and Windows, unlock your login keychain. ' +
      'Keys are never stored in plain text instead.',
    { cause },
  );
}

/**
 * Secrets in the OS keychain through @napi-rs/keyring (macOS Keychain, Windows
 * Credential Manager, Linux Secret Service). Any keychain failure becomes
 * KEYCHAIN_UNAVAILABLE; there is no plaintext fallback.
 */
export class KeychainSecretStore implements SecretStore {
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  private entry(name: string): AsyncEntry {
    return new AsyncEntry(this.service, name);
  }

  async set(name: string, secret: string): Promise<void> {
    if (secret.length === 0) throw new AppError('INVALID_INPUT', 'A secret cannot be empty.', { field: 'secret' });
    try {
      await this.entry(name).setPassword(secret);
    } catch (error) {
      throw unavailable(error);
    }
  }

  async get(name: string): Promise<string | null> {
    try {
      const value = await this.entry(name).getPassword();
      return value ?? null;
    } catch (error) {
      if (isNoEntry(error)) return null;
      throw unavailable(error);
    }
  }

  async delete(name: string): Promise<boolean> {
    try {
      return await this.entry(name).deleteCredential();
    } catch (error) {
      if (isNoEntry(error)) return false;
      throw unavailable(error);
    }
  }

  async list(): Promise<string[]> {
    try {
      const found = await findCredentialsAsync(this.service);
      return found.map((c) => c.account).sort();
    } catch (error) {
      throw unavailable(error);
    }
  }
}

function isNoEntry(error: unknown): boolean {
  return error instanceof Error && /no (matching )?entry|not found/i.test(error.message);
}
