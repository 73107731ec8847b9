import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/contract/app';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { Ledger } from '../ledger/database';
import { all } from '../ledger/sql';

export interface SettingsService {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

/** Settings are rows of JSON in the ledger file; unknown or stale keys fall back to defaults. */
export function createSettingsService(deps: { ledger: Ledger; clock: Clock; bus: EventBus }): SettingsService {
  const { sqlite, kysely } = deps.ledger;

  function get(): Settings {
    const rows = all(sqlite, kysely.selectFrom('settings').select(['key', 'value']));
    const stored: Record<string, unknown> = {};
    for (const row of rows) {
      try {
        stored[row.key] = JSON.parse(row.value);
      } catch {
        // A damaged value falls back to its default below.
      }
    }
    const merged = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const candidate = settingsSchema.shape[key].safeParse(stored[key]);
      if (candidate.success) (merged as Record<string, unknown>)[key] = candidate.data;
    }
    return merged;
  }

  function update(patch: Partial<Settings>): Settings {
    const valid = settingsSchema.partial().strict().parse(patch);
    const now = deps.clock.now().toISOString();
    const upsert = sqlite.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    sqlite.transaction(() => {
      for (const [key, value] of Object.entries(valid)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(value), now);
      }
    })();
    const settings = get();
    deps.bus.emit('event:settings-changed', settings);
    return settings;
  }

  return { get, update };
}
