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
  close(): Promise<void>;
}

/** The real AppContext and handler table the shell registers, on a fresh SQLite file in a temp folder. */
export async function createDeskApp(): Promise<DeskApp> {
  const temp = makeTempDir('reseller-desk-e2e-');
  const clock = new RunningClock();
  const secrets = new MemorySecretStore();
  const ctx = await createAppContext({ dataDir: temp.dir, secrets, version: '0.0.0-e2e', clock });
  const dispatch = createDispatcher(createHandlers(ctx), {
    onUnexpectedError: (channel, error) => console.error(`[main] ${channel} failed unexpectedly:`, error),
  });
  return {
    ctx,
    dispatch,
    clock,
    dataDir: temp.dir,
    secrets,
    async close() {
      await ctx.close();
      temp.cleanup();
    },
  };
}
