import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { Theme } from '../../../shared/contract/app';
import { errorMessage } from '../api/client';
import { useSettings } from '../state/settings-store';
import { useUi } from '../state/ui-store';
import { modKey, PAGES } from './pages';

export interface Command {
  id: string;
  label: string;
  group: string;
  /** Shown on the right: a shortcut or a hint. */
  hint?: string;
  /** Extra words the palette matches on. */
  keywords?: string;
  run(): void | Promise<void>;
}

/**
 * Screens register the actions they offer (with their context, e.g. "Record payment for
 * Ada") while they are mounted; the palette lists them next to the global ones.
 */
interface Registry {
  sources: Record<string, Command[]>;
  set(source: string, commands: Command[] | null): void;
}

export const useCommandRegistry = create<Registry>((set) => ({
  sources: {},
  set: (source, commands) =>
    set((s) => {
      const sources = { ...s.sources };
      if (commands) sources[source] = commands;
      else delete sources[source];
      return { sources };
    }),
}));

export function useRegisterCommands(source: string, commands: Command[]): void {
  const setCommands = useCommandRegistry((s) => s.set);
  const latest = useRef(commands);
  useEffect(() => {
    latest.current = commands;
  });
  // Re-register only when the list a person sees changes (not on every render), and run
  // the latest version of a command, so a screen may build its commands inline.
  const signature = commands.map((c) => `${c.id}\u0000${c.label}\u0000${c.hint ?? ''}`).join('\u0001');
  useEffect(() => {
    const visible = latest.current.map((c) => ({ ...c, run: () => latest.current.find((l) => l.id === c.id)?.run() }));
    setCommands(source, visible);
    return () => setCommands(source, null);
  }, [source, signature, setCommands]);
}

/** Everything the palette can do from anywhere: every page and every global action. */
export function globalCommands(navigate: (to: string) => void, globalActions: Command[]): Command[] {
  const pages: Command[] = PAGES.map((p) => ({
    id: `go:${p.path}`,
    label: `Go to ${p.label}`,
    group: 'Pages',
    hint: `${modKey}+${p.key}`,
    run: () => navigate(p.path),
  }));
  const themes: Command[] = (['light', 'dark', 'system'] as Theme[]).map((theme) => ({
    id: `theme:${theme}`,
    label: theme === 'system' ? 'Theme: follow the system' : `Theme: ${theme}`,
    group: 'Appearance',
    keywords: 'dark light mode colour color appearance',
    run: async () => {
      try {
        await useSettings.getState().update({ theme });
      } catch (e) {
        useUi.getState().notify('error', errorMessage(e));
      }
    },
  }));
  return [...pages, ...globalActions, ...themes];
}

/** Case-insensitive match of every typed word against the label, group and keywords. */
export function filterCommands(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands;
  return commands.filter((c) => {
    const hay = `${c.label} ${c.group} ${c.keywords ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
