import { createAppContext, type AppContext } from '../../../../src/main/app-context';
import { ManualClock } from '../../../../src/main/clock';
import { createDispatcher, type Dispatch } from '../../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../../src/main/ipc/handlers';
import type { SecretStore } from '../../../../src/main/secrets/secret-store';

/**
 * The real app on a given data folder, talking to an already running sandbox: unlike
 * test/support/app.ts it can be closed and started again on the same folder (a restart)
 * while the upstream stays up, which is what backups, crashes and leak scans need.
 */
export interface AppOnSandbox {
  ctx: AppContext;
  dispatch: Dispatch;
  /** Calls a channel and returns its value, or throws with the error's code and message. */
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startAppOn(options: { dataDir: string; secrets: SecretStore; clock?: ManualClock; fileLogs?: boolean }): Promise<AppOnSandbox> {
  const ctx = await createAppContext({
    dataDir: options.dataDir,
    secrets: options.secrets,
    version: '0.0.0-test',
    clock: options.clock ?? new ManualClock(Date.UTC(2026, 0, 15, 12)),
    ...(options.fileLogs ? { fileLogs: true } : {}),
    providerHttp: { retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 50 } },
  });
  const unexpected: unknown[] = [];
  const dispatch = createDispatcher(createHandlers(ctx), {
    // As the desktop app does (shell/desktop-app.ts): unexpected errors go to the log, with their stack.
    onUnexpectedError: (channel, error) => {
      unexpected.push({ channel, error });
      ctx.log.error('Unexpected error in an IPC handler', { channel, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    },
  });
  return {
    ctx,
    dispatch,
    async call<T>(channel: string, input?: unknown): Promise<T> {
      const result = await dispatch(channel, input);
      if (!result.ok) throw Object.assign(new Error(`${channel} → ${result.error.code}: ${result.error.message}`), result.error, { unexpected });
      return result.value as T;
    },
    close: () => ctx.close(),
  };
}
