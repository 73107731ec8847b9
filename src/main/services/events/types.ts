import type { EventSource } from '../../../shared/contract/events';

/**
 * An event on its way into the inbox: what happened, normalized (cents, milli-GB, ISO
 * dates), plus the deterministic key of the fact. A webhook and a poll that report the
 * same fact build the same key, so the inbox keeps one event.
 */
export interface EventDraft {
  source: EventSource;
  type: string;
  accountId: string | null;
  subject: string | null;
  payload: Record<string, unknown>;
  /** The delivery body or the observation, as received. */
  raw: string | null;
  occurredAt: string;
  deliveryId?: string | null;
  /**
   * The fact: a complete key, or a crossing family (`balance.low:<acct>`) whose current
   * crossing number completes it inside the insert transaction (`balance.low:<acct>:3`).
   */
  fact: { key: string } | { crossing: string };
}

/** Crossing families that a poll saw clear (the condition is false again). */
export type CrossingReset = string;
