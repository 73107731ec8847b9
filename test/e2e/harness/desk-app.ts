import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { FollowingClock, type Clock } from '../../../src/main/clock';
import { ensureSandboxAccounts } from '../../../src/main/services/accounts/sandbox-accounts';
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

export interface DeskAppOptions {
  /**
   * Run the app's own embedded sandbox with its two sandbox accounts, as on a first run,
   * the app's clock following the sandbox's (Settings > Sandbox: reset, demo data).
   * Otherwise tests bring the `sandbox` fixture and add accounts themselves.
   */
  embeddedSandbox?: boolean;
}

export interface DeskApp {
  ctx: AppContext;
  dispatch: Dispatch;
  /** A RunningClock, or with the embedded sandbox a clock that follows the sandbox's. */
  clock: RunningClock | FollowingClock;
  dataDir: string;
  secrets: MemorySecretStore;
  /**
   * The stand-in for the native save dialog (`exports:choose-path`): it records each
   * default path it was opened with and answers `answer` — a path, null (the reseller
   * cancelled), an Error to throw (e.g. AppError UNSUPPORTED: no dialog here) or, when
   * undefined, the suggested file name in `<dataDir>/exports`.
   */
  saveDialog: { answer: string | null | Error | undefined; requests: string[] };
  /**
   * The stand-in for what only the desktop shell does (Settings → Your data): records the
   * folders opened and restarts asked for; the folder picker answers `folderAnswer`.
   */
  desktop: { opened: string[]; folderAnswer: string | null; relaunches: number };
  close(): Promise<void>;
}

/** The real AppContext and handler table the shell registers, on a fresh SQLite file in a temp folder. */
export async function createDeskApp(options: DeskAppOptions = {}): Promise<DeskApp> {
  const temp = makeTempDir('reseller-desk-e2e-');
  const clock = options.embeddedSandbox ? new FollowingClock() : new RunningClock();
  const secrets = new MemorySecretStore();
  const saveDialog: DeskApp['saveDialog'] = { answer: undefined, requests: [] };
  const desktop: DeskApp['desktop'] = { opened: [], folderAnswer: null, relaunches: 0 };
  const ctx = await createAppContext({
    dataDir: temp.dir,
    secrets,
    version: '0.0.0-e2e',
    clock,
    ...(options.embeddedSandbox ? { embeddedSandbox: { tickMs: 0 } } : {}),
    desktop: {
      openFolder: async (path) => void desktop.opened.push(path),
      chooseFolder: async () => desktop.folderAnswer,
      relaunch: () => void desktop.relaunches++,
    },
    chooseSavePath: async ({ defaultPath }) => {
      saveDialog.requests.push(defaultPath);
      if (saveDialog.answer instanceof Error) throw saveDialog.answer;
      if (saveDialog.answer !== undefined) return saveDialog.answer;
      const folder = join(temp.dir, 'exports');
      mkdirSync(folder, { recursive: true });
      return join(folder, basename(defaultPath));
    },
  });
  if (options.embeddedSandbox) await ensureSandboxAccounts(ctx, await ctx.sandbox.start());
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
    desktop,
    async close() {
      await ctx.close();
      temp.cleanup();
    },
  };
}
