import { create } from 'zustand';
import type { Settings } from '../../../shared/contract/app';
import { call, errorMessage } from '../api/client';

interface SettingsState {
  settings: Settings | null;
  loadError: string | null;
  load(): Promise<void>;
  /** Saves through main (the one validator); rejects with an ApiError the screen shows. */
  update(patch: Partial<Settings>): Promise<Settings>;
  /** Main pushed new settings (another window, the CLI, a reset). */
  received(settings: Settings): void;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  loadError: null,
  async load() {
    try {
      set({ settings: await call('settings:get'), loadError: null });
    } catch (e) {
      set({ loadError: errorMessage(e) });
    }
  },
  async update(patch) {
    const settings = await call('settings:update', patch);
    set({ settings });
    return settings;
  },
  received(settings) {
    set({ settings });
  },
}));
