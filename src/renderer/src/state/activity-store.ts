import { create } from 'zustand';

/**
 * Counts calls to main that are still running, so the window can show one progress bar
 * for anything that takes longer than 200 ms, whichever screen started it.
 */
interface ActivityState {
  pending: number;
  begin(): () => void;
}

export const useActivity = create<ActivityState>((set) => ({
  pending: 0,
  begin() {
    set((s) => ({ pending: s.pending + 1 }));
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      set((s) => ({ pending: Math.max(0, s.pending - 1) }));
    };
  },
}));
