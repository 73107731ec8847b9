import type { InboxEventView } from '../../../shared/contract/events';
import type { AppContext } from '../../app-context';
import type { LocalEventInput } from './events-service';

export { createEventsService, type EventsService, type LocalEventInput } from './events-service';
export { createEventPipeline, type EventPipeline } from './pipeline';
export { factKeys, crossings } from './fact-keys';
export type { EventDraft } from './types';

/**
 * For other services: records something the app itself did as a normalized event
 * (source 'local'). Returns the new event, or null when its fact key was already there.
 */
export function recordLocalEvent(ctx: Pick<AppContext, 'events'>, input: LocalEventInput): InboxEventView | null {
  return ctx.events.recordLocal(input);
}
export { startEventServices, type StartEventServicesOptions, type RunningEventServices } from './start';
