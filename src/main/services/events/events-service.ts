import { randomUUID } from 'node:crypto';
import type { EventsPage, InboxEventView } from '../../../shared/contract/events';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { Ledger } from '../../ledger/database';
import { getEventRow, listEvents, toView, type EventFilter } from './inbox';
import type { EventPipeline, IngestOptions, IngestResult } from './pipeline';
import type { EventDraft } from './types';

/** What a local operation reports (a sale, a payment, a port bought in the app). */
export interface LocalEventInput {
  type: string;
  accountId?: string | null;
  subject?: string | null;
  payload?: Record<string, unknown>;
  occurredAt?: Date | string;
  /**
   * The fact's key when the same fact may also arrive from an upstream (e.g.
   * `factKeys.portCreated(acct, port)`), or an operation id so a retry is one event.
   * Default: a fresh id (every call is a new event).
   */
  factKey?: string;
}

export interface EventsService {
  ingest(drafts: EventDraft[], options?: IngestOptions): IngestResult;
  recordLocal(input: LocalEventInput): InboxEventView | null;
  list(filter?: EventFilter): EventsPage;
  get(id: string): InboxEventView;
  readonly pipeline: EventPipeline;
}

export function createEventsService(deps: { ledger: Ledger; clock: Clock; pipeline: EventPipeline }): EventsService {
  const { sqlite } = deps.ledger;
  return {
    pipeline: deps.pipeline,
    ingest: (drafts, options) => deps.pipeline.ingest(drafts, options),
    recordLocal(input) {
      if (!/^[a-z][a-z0-9_.-]{1,79}$/.test(input.type)) throw new AppError('INVALID_INPUT', `"${input.type}" is not an event type.`);
      const occurredAt = input.occurredAt === undefined ? deps.clock.now() : new Date(input.occurredAt);
      const draft: EventDraft = {
        source: 'local',
        type: input.type,
        accountId: input.accountId ?? null,
        subject: input.subject ?? null,
        payload: input.payload ?? {},
        raw: null,
        occurredAt: occurredAt.toISOString(),
        fact: { key: input.factKey ?? `local:${input.type}:${randomUUID()}` },
      };
      return deps.pipeline.ingest([draft]).inserted[0] ?? null;
    },
    list: (filter) => listEvents(sqlite, filter),
    get(id) {
      const row = getEventRow(sqlite, id);
      if (!row) throw new AppError('NOT_FOUND', 'That event does not exist. Refresh the list of events.');
      return toView(row);
    },
  };
}
