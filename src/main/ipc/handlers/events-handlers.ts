import type { eventsChannels } from '../../../shared/contract/events';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createEventsHandlers(ctx: AppContext): Pick<Handlers, keyof typeof eventsChannels> {
  return {
    'events:list': (input) => ctx.events.list(input ?? {}),
    'events:get': ({ id }) => ctx.events.get(id),
    'alerts:list': (input) => ctx.alerts.list(input ?? {}),
    'alerts:acknowledge': ({ id }) => ctx.alerts.acknowledge(id),
    'alert-rules:list': () => ctx.alerts.rules(),
    'alert-rules:update': (input) => ctx.alerts.updateRule(input),
    'webhooks:status': (input) => ctx.webhooks.status(input ?? {}),
    'webhooks:register': ({ accountId }) => ctx.webhooks.register(accountId),
    'webhooks:unregister': ({ accountId, upstreamId }) => ctx.webhooks.unregister(accountId, upstreamId),
    'webhooks:settings': async (input) => (input === undefined ? ctx.webhooks.settings() : ctx.webhooks.updateSettings(input)),
    'poller:settings': (input) => (input === undefined ? ctx.poller.view() : ctx.poller.update(input)),
    'poller:run-now': (input) => ctx.poller.runNow(input?.accountId),
  };
}
