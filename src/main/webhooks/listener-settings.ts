import type Database from 'better-sqlite3';
import type { WebhookListenerSettings } from '../../shared/contract/events';
import { prepare } from '../ledger/sql';

/**
 * Listener settings, stored as one JSON row of the settings table (key
 * `webhooks.listener`). Loopback by default: any other bind address exposes the listener
 * to the network, which the UI says in plain words.
 */

export const LISTENER_SETTINGS_KEY = 'webhooks.listener';
/** A fixed default port so registered URLs survive restarts. */
export const DEFAULT_LISTENER_PORT = 4460;

type Stored = Omit<WebhookListenerSettings, 'warning'>;

export const DEFAULT_LISTENER_SETTINGS: Stored = { enabled: true, port: DEFAULT_LISTENER_PORT, bindAddress: '127.0.0.1', publicBaseUrl: null };

export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || address === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

export function bindWarning(address: string): string | null {
  if (isLoopbackAddress(address)) return null;
  return (
    `The listener will accept connections on ${address}, not only from this computer. Anyone who can reach that ` +
    'address can send requests to it. Deliveries are still checked (signature, size, token in the path), but only ' +
    'do this behind a firewall or for a tunnel that needs it; 127.0.0.1 is the safe default.'
  );
}

export function readListenerSettings(sqlite: Database.Database): WebhookListenerSettings {
  const row = prepare(sqlite, 'SELECT value FROM settings WHERE key = ?').pluck().get(LISTENER_SETTINGS_KEY) as string | undefined;
  let stored: Partial<Stored> = {};
  try {
    stored = row ? (JSON.parse(row) as Partial<Stored>) : {};
  } catch {
    // defaults
  }
  const merged: Stored = {
    enabled: typeof stored.enabled === 'boolean' ? stored.enabled : DEFAULT_LISTENER_SETTINGS.enabled,
    port: Number.isInteger(stored.port) && stored.port! >= 0 && stored.port! <= 65_535 ? stored.port! : DEFAULT_LISTENER_SETTINGS.port,
    bindAddress: typeof stored.bindAddress === 'string' && stored.bindAddress ? stored.bindAddress : DEFAULT_LISTENER_SETTINGS.bindAddress,
    publicBaseUrl: typeof stored.publicBaseUrl === 'string' ? stored.publicBaseUrl : null,
  };
  return { ...merged, warning: bindWarning(merged.bindAddress) };
}

export function writeListenerSettings(sqlite: Database.Database, patch: Partial<Stored>, now: string): WebhookListenerSettings {
  const current = readListenerSettings(sqlite);
  const next: Stored = {
    enabled: patch.enabled ?? current.enabled,
    port: patch.port ?? current.port,
    bindAddress: patch.bindAddress ?? current.bindAddress,
    publicBaseUrl: patch.publicBaseUrl === undefined ? current.publicBaseUrl : patch.publicBaseUrl ? patch.publicBaseUrl.replace(/\/+$/, '') : null,
  };
  prepare(
    sqlite,
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(LISTENER_SETTINGS_KEY, JSON.stringify(next), now);
  return readListenerSettings(sqlite);
}
