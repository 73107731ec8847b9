import { isAppError } from '../../shared/errors';
import { knownSecrets } from '../logging/known-secrets';
import type { SecretStore } from './secret-store';

/** What the app knows of the system keychain: null until it was first used. */
export interface KeychainState {
  available: boolean | null;
}

const ACCOUNT_NAME = /^account:([^:]+):/;

const isKeychainUnavailable = (error: unknown) => isAppError(error) && error.code === 'KEYCHAIN_UNAVAILABLE';

/**
 * The app's secret store: the OS keychain, with one exception. The embedded sandbox's
 * keys are published (`npm run sandbox` prints them; they open nothing but the
 * simulator on this machine), so a desktop without a usable keychain (a Linux session
 * with no unlocked Secret Service) still starts and works on the sandbox: its keys and
 * webhook secrets are held in memory for this run, and the sandbox hands them over
 * again at the next start. Every other secret — a real upstream's key — still goes to
 * the keychain or fails with KEYCHAIN_UNAVAILABLE. Nothing is ever written in plain text.
 *
 * Every secret value it sets, holds or reads is also told to `learn` (by default the
 * logger's in-memory knownSecrets), so no log line can carry it whatever its shape.
 */
export class SandboxKeyFallback implements SecretStore {
  private readonly held = new Map<string, string>();
  private readonly publicKeys = new Set<string>();
  readonly keychain: KeychainState = { available: null };

  constructor(
    private readonly store: SecretStore,
    /** Whether an account id is one of the embedded sandbox's accounts. */
    private readonly isSandboxAccount: (accountId: string) => boolean,
    /** Told every secret value that passes through (never persisted). */
    private readonly learn: (secret: string) => void = (secret) => knownSecrets.learn(secret),
  ) {}

  /** The running sandbox's published keys: storable without a keychain. */
  admitPublicKey(key: string): void {
    this.learn(key);
    this.publicKeys.add(key);
  }

  /** A sandbox account's key, handed over by the running sandbox at start. */
  hold(name: string, secret: string): void {
    this.learn(secret);
    this.held.set(name, secret);
  }

  /** Asks the keychain once (listing this app's entries) and remembers the answer. */
  async probe(): Promise<boolean> {
    await this.keychainCall(() => this.store.list()).catch(() => undefined);
    return this.keychain.available === true;
  }

  private isSandboxSecret(name: string, secret?: string): boolean {
    if (secret !== undefined && this.publicKeys.has(secret)) return true;
    const id = ACCOUNT_NAME.exec(name)?.[1];
    return id !== undefined && this.isSandboxAccount(id);
  }

  private async keychainCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      const value = await call();
      this.keychain.available = true;
      return value;
    } catch (error) {
      if (isKeychainUnavailable(error)) this.keychain.available = false;
      throw error;
    }
  }

  async set(name: string, secret: string): Promise<void> {
    this.learn(secret);
    try {
      await this.keychainCall(() => this.store.set(name, secret));
      if (this.held.has(name)) this.held.set(name, secret);
    } catch (error) {
      if (!isKeychainUnavailable(error) || !this.isSandboxSecret(name, secret)) throw error;
      this.held.set(name, secret);
    }
  }

  async get(name: string): Promise<string | null> {
    const held = this.held.get(name);
    if (held !== undefined) return held;
    try {
      const secret = await this.keychainCall(() => this.store.get(name));
      if (secret !== null) this.learn(secret);
      return secret;
    } catch (error) {
      if (isKeychainUnavailable(error) && this.isSandboxSecret(name)) return null;
      throw error;
    }
  }

  async delete(name: string): Promise<boolean> {
    const wasHeld = this.held.delete(name);
    try {
      return (await this.keychainCall(() => this.store.delete(name))) || wasHeld;
    } catch (error) {
      if (isKeychainUnavailable(error) && (wasHeld || this.isSandboxSecret(name))) return wasHeld;
      throw error;
    }
  }

  async list(): Promise<string[]> {
    const heldNames = [...this.held.keys()];
    try {
      const stored = await this.keychainCall(() => this.store.list());
      return [...new Set([...stored, ...heldNames])].sort();
    } catch (error) {
      if (isKeychainUnavailable(error)) return heldNames.sort();
      throw error;
    }
  }
}
