import { z } from 'zod';
import { channel, event, noInput } from './define';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const settingsSchema = z.object({
  theme: z.enum(THEMES),
  /** How often the poller refreshes balances, expiries and usage. */
  pollIntervalMinutes: z.number().int().min(1).max(1440),
  currency: z.literal('USD'),
  /** Closing the window hides the app to the tray instead of quitting. */
  minimizeToTray: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  pollIntervalMinutes: 5,
  currency: 'USD',
  minimizeToTray: false,
};

export type ConnectionState = 'connected' | 'degraded' | 'offline' | 'unknown';

export interface UpstreamStatus {
  accountId: string;
  name: string;
  provider: string;
  isSandbox: boolean;
  state: ConnectionState;
  /** When the app last heard from (or tried) this upstream: its last poll or sync. */
  checkedAt?: string | null;
  /** Why it is degraded or offline (the last error's message), else null. */
  message?: string | null;
}

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  ledgerFile: string;
  platform: string;
  upstreams: UpstreamStatus[];
  /**
   * Whether the system keychain answered (null: not asked yet). Without one the app runs
   * on the embedded sandbox (its keys are public) but cannot store a real upstream's key.
   */
  keychainAvailable: boolean | null;
}

export const appChannels = {
  'app:info': channel<AppInfo>()(noInput),
  'settings:get': channel<Settings>()(noInput),
  'settings:update': channel<Settings>()(settingsSchema.partial().strict()),
  /** Opens an http(s) link in the user's browser through the one audited helper. */
  'app:open-external': channel<void>()(
    z.object({ url: z.string().max(2048) }).strict(),
  ),
};

export const appEvents = {
  'event:settings-changed': event<Settings>(),
  'event:upstream-status': event<UpstreamStatus[]>(),
};
