import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import type { Logger } from '../../logging/logger';
import type { SecretStore } from '../../secrets/secret-store';
import { createWebhooksService, type WebhooksService } from '../../webhooks/webhooks-service';
import type { ProviderRegistry } from '../accounts/provider-registry';
import { createAlertsService, type AlertsService } from '../alerts/alerts-service';
import { createPollerService, type PollerService } from '../poller/poller-service';
import type { SettingsService } from '../settings-service';
import { createEventsService, type EventsService } from './events-service';
import { createEventPipeline } from './pipeline';

export interface EventServicesDeps {
  ledger: Ledger;
  clock: Clock;
  /** Sandbox accounts' own time (webhook signature windows); defaults to `clock`. */
  sandboxClock?: Clock;
  bus: EventBus;
  secrets: SecretStore;
  providers: ProviderRegistry;
  settings: SettingsService;
  log: Logger;
}

export interface EventServices {
  events: EventsService;
  alerts: AlertsService;
  webhooks: WebhooksService;
  poller: PollerService;
  /** Stops the listener and the poller (ctx.close() calls it). */
  close(): Promise<void>;
}

/** The inbox pipeline, alert rules, webhook listener and poller, wired together. */
export function createEventServices(deps: EventServicesDeps): EventServices {
  const pipeline = createEventPipeline(deps);
  const events = createEventsService({ ledger: deps.ledger, clock: deps.clock, pipeline });
  const alerts = createAlertsService({
    ...deps,
    onBackgroundError: (error) => deps.log.warn('Alert evaluation failed', { error: error instanceof Error ? error.message : String(error) }),
  });
  // New events ask for a re-run of the alert rules (raised/cleared are pushed); runs are
  // coalesced (about once a second) so a burst of deliveries never waits on the rules.
  pipeline.onChange(() => alerts.requestEvaluation());
  const webhooks = createWebhooksService({ ...deps, events, pollMinutes: () => deps.settings.get().pollIntervalMinutes });
  const polls = createPollerService({ ...deps, events });
  // "Check now" answers with the alerts up to date: what the look changed is evaluated
  // before the answer instead of up to a second later.
  const poller: PollerService = {
    ...polls,
    async runNow(accountId) {
      const results = await polls.runNow(accountId);
      alerts.flush();
      return results;
    },
  };
  return {
    events,
    alerts,
    webhooks,
    poller,
    async close() {
      alerts.stop();
      await poller.stop();
      await webhooks.stop();
    },
  };
}
