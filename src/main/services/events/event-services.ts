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
  const alerts = createAlertsService(deps);
  // After every batch of new events the alert rules re-run (raised/cleared are pushed).
  pipeline.onChange(() => alerts.evaluate());
  const webhooks = createWebhooksService({ ...deps, events, pollMinutes: () => deps.settings.get().pollIntervalMinutes });
  const poller = createPollerService({ ...deps, events });
  return {
    events,
    alerts,
    webhooks,
    poller,
    async close() {
      await poller.stop();
      await webhooks.stop();
    },
  };
}
