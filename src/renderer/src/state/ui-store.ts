import { create } from 'zustand';

export interface Notice {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

/** View state that is not data: the command palette and the transient notices. */
interface UiState {
  paletteOpen: boolean;
  setPaletteOpen(open: boolean): void;
  notices: Notice[];
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useUi = create<UiState>((set, get) => ({
  paletteOpen: false,
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  notices: [],
  notify(kind, text) {
    const id = nextId++;
    // The same message twice in a row shows once (the newer one), not stacked.
    set((s) => ({ notices: [...s.notices.filter((n) => n.text !== text).slice(-3), { id, kind, text }] }));
    // Errors stay until dismissed: a reseller must be able to read and act on them.
    if (kind !== 'error') setTimeout(() => get().dismiss(id), 4000);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
