import { createAppContext, type AppContext } from '../../src/main/app-context';
import { ManualClock } from '../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../src/main/ipc/dispatcher';
import { createHandlers } from '../../src/main/ipc/handlers';
import { FileSecretStore } from './file-secret-store';

/** What the soak's parent tells each app process (as JSON in SOAK_CHILD). */
export interface ChildConfig {
  dataDir: string;
  secretsFile: string;
  /** The sandbox's clock at setup: the app's clock agrees with it (nothing expires mid-soak). */
  clockMs: number;
  seed: number;
  mode: 'run' | 'final';
  /** Steps [from, to) of the plan. */
  from: number;
  to: number;
}

/** The real app, as the desktop app builds it, with short network timeouts so faults resolve fast. */
export async function openApp(config: ChildConfig): Promise<{ ctx: AppContext; dispatch: Dispatch; unexpected: string[] }> {
  const ctx = await createAppContext({
    dataDir: config.dataDir,
    secrets: new FileSecretStore(config.secretsFile),
    version: '0.0.0-soak',
    clock: new ManualClock(config.clockMs),
    fileLogs: true,
    providerHttp: {
      retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 2_000 },
      budget: { perSecond: 10_000 },
      headersTimeoutMs: 800,
      bodyTimeoutMs: 800,
    },
    // The background check after a network error runs concurrently with the next steps.
    operations: { reconcileDelayMs: 150, autoPushPricebook: false },
  });
  const unexpected: string[] = [];
  const dispatch = createDispatcher(createHandlers(ctx), {
    onUnexpectedError: (channel, error) => unexpected.push(`${channel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  return { ctx, dispatch, unexpected };
}
