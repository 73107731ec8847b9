import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../../src/main/secrets/secret-store';

/**
 * Test-only SecretStore in a JSON file, so the soak's app processes (killed and started
 * again) find the API keys the setup stored. The real app uses the OS keychain and has no
 * file fallback; this exists only under test/.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  private read(): Record<string, string> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>) : {};
  }

  private write(all: Record<string, string>): void {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(all), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }

  async set(name: string, secret: string): Promise<void> {
    this.write({ ...this.read(), [name]: secret });
  }

  async get(name: string): Promise<string | null> {
    return this.read()[name] ?? null;
  }

  async delete(name: string): Promise<boolean> {
    const all = this.read();
    if (!(name in all)) return false;
    delete all[name];
    this.write(all);
    return true;
  }

  async list(): Promise<string[]> {
    return Object.keys(this.read());
  }
}
