import { randomUUID } from 'node:crypto';
import type { DemoJobProgress, DemoJobResult } from '../../../shared/contract/sandbox';
import { AppError, isAppError } from '../../../shared/errors';
import type { EventBus } from '../../event-bus';
import { resetSandbox, type SandboxResetDeps } from '../sandbox-control/sandbox-reset';
import { demoCounts, demoSteps, simulateDemoBusiness, type DemoApp } from './demo-simulation';

const DAY_MS = 86_400_000;

export interface DemoJobDeps extends SandboxResetDeps {
  app: DemoApp;
  bus: EventBus;
  /** Wall time (injectable for tests). */
  wallNow?: () => number;
}

export interface DemoJobs {
  /**
   * Fills empty books with a demo business: the sandbox starts over `months` back, then
   * the simulation runs forward to today (progress as `event:demo-progress`). Resolves
   * when it is done or cancelled; what was made before a cancel stays.
   */
  start(input: { customers: number; months: number; seed?: number | undefined; jobId?: string | undefined }): Promise<DemoJobResult>;
  cancel(jobId: string): { cancelled: boolean };
  /** The running job's id, if any (the sandbox's clock must not be moved meanwhile). */
  active(): string | null;
  /** Asks a running job to stop (the app is closing). */
  cancelRunning(): void;
}

export function createDemoJobs(deps: DemoJobDeps): DemoJobs {
  const wallNow = deps.wallNow ?? Date.now;
  let running: { jobId: string; abort: AbortController } | null = null;

  return {
    active: () => running?.jobId ?? null,
    cancelRunning: () => running?.abort.abort(),
    cancel(jobId) {
      if (!running || running.jobId !== jobId) return { cancelled: false };
      running.abort.abort();
      return { cancelled: true };
    },
    async start(input) {
      if (running) throw new AppError('CONFLICT', 'Demo data is already being made. Wait for it to finish or cancel it.');
      if (!deps.sandbox.running()) {
        throw new AppError('NOT_FOUND', 'The sandbox is not running, and the demo runs on it. It starts with the app while sandbox accounts exist.');
      }
      const customers = deps.ledger.sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;
      if (customers > 0) {
        throw new AppError(
          'CONFLICT',
          `Demo data goes into empty books, and these hold ${customers === 1 ? 'one customer' : `${customers.toLocaleString('en-US')} customers`}. To try the demo, start Reseller Desk with an empty data folder (RESELLER_DESK_DATA_DIR) or run \`reseller-desk demo\`.`,
        );
      }
      const jobId = input.jobId ?? randomUUID();
      const abort = new AbortController();
      running = { jobId, abort };
      const plan = { customers: input.customers, months: input.months, seed: input.seed ?? 2026 };
      // One step more than the simulation's: starting the sandbox over.
      const total = demoSteps(plan) + 1;
      let text = 'Starting the sandbox over';
      const emit = (done: number, state: DemoJobProgress['state']) => deps.bus.emit('event:demo-progress', { jobId, done, total, state, text });
      emit(0, 'running');
      // A history of `months`: the sandbox (and the books, which follow its clock) start
      // that many days back at 09:00 and are held there while the simulation walks forward.
      const startAt = Math.floor((wallNow() - plan.months * 30 * DAY_MS) / DAY_MS) * DAY_MS + 9 * 3_600_000;
      let from = new Date(startAt).toISOString();
      let state: DemoJobResult['state'] = 'done';
      try {
        if (abort.signal.aborted) throw new AppError('CANCELLED', 'The demo was stopped before it began.');
        const { running: sandbox } = await resetSandbox(deps, { startAt, holdTime: true });
        from = sandbox.clock.nowIso();
        await simulateDemoBusiness({
          app: deps.app,
          sandbox,
          clock: deps.clock,
          plan,
          say: (line) => {
            text = line;
          },
          progress: (done) => emit(done + 1, 'running'),
          signal: abort.signal,
        });
        text = 'Demo business ready';
      } catch (error) {
        if (isAppError(error) && error.code === 'CANCELLED') {
          state = 'cancelled';
          text = 'Stopped: what was made so far stays in the books';
        } else {
          emit(0, 'failed');
          throw error;
        }
      } finally {
        // Sandbox time (and the books' clock) catch up with today and follow it again.
        deps.sandbox.releaseTime();
        running = null;
      }
      const counts = demoCounts(deps.app, deps.clock.now());
      emit(state === 'done' ? total : 0, state);
      deps.bus.emit('event:customers-bulk-changed', { reason: 'demo', count: counts.customers });
      deps.log.info('Demo data', { state, ...counts });
      return { jobId, state, from, to: deps.clock.now().toISOString(), ...counts };
    },
  };
}
