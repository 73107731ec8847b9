import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import type { Clock } from '../../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Real time that a test can move forward (to make things expire) — unlike a frozen
 * ManualClock, two actions a person takes one after the other get different times, as
 * they do in the app.
 */
export class RunningClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('A clock only moves forward');
    this.offsetMs += ms;
  }
}

export interface DeskApp {
  ctx: AppContext;
  dispatch: Dispatch;
  clock: RunningClock;
  dataDir: string;
  secrets: MemorySecretStore;
  /**
   * The stand-in for the native save dialog (`exports:choose-path`): it records each
   * default path it was opened with and answers `answer` — a path, null (the reseller
   * cancelled), an Error to throw (e.g. AppError UNSUPPORTED: no dialog here) or, when
   * undefined, the suggested file name in `<dataDir>/exports`.
   */
  saveDialog: { answer: string | null | Error | undefined; requests: string[] };
  close(): Promise<void>;
}

/** The real AppContext and handler table the shell registers, on a fresh SQLite file in a temp folder. */
export async function createDeskApp(): Promise<DeskApp> {
  const temp = makeTempDir('reseller-desk-e2e-');
  const clock = new RunningClock();
  const secrets = new MemorySecretStore();
  const saveDialog: DeskApp['saveDialog'] = { answer: undefined, requests: [] };
  const ctx = await createAppContext({
    dataDir: temp.dir,
    secrets,
    version: '0.0.0-e2e',
    clock,
    chooseSavePath: async ({ defaultPath }) => {
      saveDialog.requests.push(defaultPath);
      if (saveDialog.answer instanceof Error) throw saveDialog.answer;
      if (saveDialog.answer !== undefined) return saveDialog.answer;
      const folder = join(temp.dir, 'exports');
      mkdirSync(folder, { recursive: true });
      return join(folder, basename(defaultPath));
    },
  });
  const dispatch = createDispatcher(createHandlers(ctx), {
    onUnexpectedError: (channel, error) => console.error(`[main] ${channel} failed unexpectedly:`, error),
  });
  return {
    ctx,
    dispatch,
    clock,
    dataDir: temp.dir,
    secrets,
    saveDialog,
    async close() {
      await ctx.close();
      temp.cleanup();
    },
  };
}
