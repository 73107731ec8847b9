import { createAppContext, type AppContext } from '../../src/main/app-context';
import { ManualClock } from '../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../src/main/ipc/dispatcher';
import { createHandlers } from '../../src/main/ipc/handlers';
import type { SecretStore } from '../../src/main/secrets/secret-store';
import { MemorySecretStore } from './memory-secrets';
import { makeTempDir } from './temp-dir';

export interface TestApp {
  ctx: AppContext;
  dispatch: Dispatch;
  clock: ManualClock;
  dataDir: string;
  close(): Promise<void>;
}

/** The real app context on a real SQLite file in a temp folder, with a manual clock. */
export async function createTestApp(options: { secrets?: SecretStore; clock?: ManualClock; dataDir?: string } = {}): Promise<TestApp> {
  const temp = options.dataDir ? null : makeTempDir();
  const dataDir = options.dataDir ?? temp!.dir;
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 15, 12));
  const ctx = await createAppContext({ dataDir, secrets: options.secrets ?? new MemorySecretStore(), version: '0.0.0-test', clock });
  const dispatch = createDispatcher(createHandlers(ctx));
  return {
    ctx,
    dispatch,
    clock,
    dataDir,
    async close() {
      await ctx.close();
      temp?.cleanup();
    },
  };
}
