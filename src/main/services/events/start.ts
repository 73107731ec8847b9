import type { EventName } from '../../../shared/contract';
import type { AppContext } from '../../app-context';
import { receiptCutoff } from './receipt-retention';

export interface StartEventServicesOptions {
  /** Start the webhook listener (default: the stored setting, on by default). */
  listener?: boolean;
  /** Listener address overrides (tests: port 0). */
  listenerPort?: number;
  listenerHost?: string;
  /** Start the poll timer (default true; the interval is Settings → pollIntervalMinutes). */
  poller?: boolean;
  /** Coalesce bursts of other services' events into one alert evaluation (ms, default 500). */
  alertDebounceMs?: number;
}

export interface RunningEventServices {
  /** Null while running; the reason when the listener could not start (port taken…). */
  readonly listenerError: string | null;
  stop(): Promise<void>;
}


const OWN_EVENTS = new Set<EventName>(['event:inbox', 'event:alert-raised', 'event:alert-cleared']);

/**
 * Background start-up of events (the lead calls it from the app's background services):
 * finishes inbox rows a crash left unapplied, evaluates the alert rules, starts the
 * webhook listener and the poll timer, and re-evaluates alerts when other services change
 * the books (payments, syncs). A listener that cannot bind is reported, not fatal: the
 * poller still covers everything.
 */
export async function startEventServices(ctx: AppContext, options: StartEventServicesOptions = {}): Promise<RunningEventServices> {
  ctx.events.pipeline.applyPending();
  ctx.events.pipeline.pruneReceipts(receiptCutoff(ctx.clock.now()));
  ctx.alerts.evaluate();

  let listenerError: string | null = null;
  const wantListener = options.listener ?? ctx.webhooks.settings().enabled;
  if (wantListener) {
    try {
      const overrides: { port?: number; host?: string } = {};
      if (options.listenerPort !== undefined) overrides.port = options.listenerPort;
      if (options.listenerHost !== undefined) overrides.host = options.listenerHost;
      await ctx.webhooks.start(overrides);
    } catch (error) {
      listenerError = error instanceof Error ? error.message : String(error);
      ctx.log.warn('Webhook listener not started', { error: listenerError });
    }
  }
  if (options.poller ?? true) ctx.poller.start();

  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = ctx.bus.subscribe((name) => {
    if (name === 'event:settings-changed') ctx.poller.reschedule();
    if (OWN_EVENTS.has(name) || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      try {
        ctx.alerts.evaluate();
      } catch (error) {
        ctx.log.warn('Alert evaluation failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }, options.alertDebounceMs ?? 500);
    timer.unref?.();
  });

  return {
    get listenerError() {
      return listenerError;
    },
    async stop() {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      await ctx.poller.stop();
      await ctx.webhooks.stop();
    },
  };
}
