import { createAppContext, type AppContext } from '../../src/main/app-context';
import { ManualClock } from '../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../src/main/ipc/dispatcher';
import { createHandlers } from '../../src/main/ipc/handlers';
import { MemorySecretStore } from '../../test/support/memory-secrets';
import { BENCH_NOW } from '../data/generate';

export interface BenchApp {
  ctx: AppContext;
  dispatch: Dispatch;
  handlers: ReturnType<typeof createHandlers>;
  secrets: MemorySecretStore;
  clock: ManualClock;
  close(): Promise<void>;
}

/** The real AppContext and handler table on a data folder, at the data set's "now". */
export async function openBenchApp(dataDir: string, clock = new ManualClock(BENCH_NOW)): Promise<BenchApp> {
  const secrets = new MemorySecretStore();
  const ctx = await createAppContext({ dataDir, secrets, version: '0.0.0-bench', clock });
  const handlers = createHandlers(ctx);
  const dispatch = createDispatcher(handlers);
  return { ctx, dispatch, handlers, secrets, clock, close: () => ctx.close() };
}
