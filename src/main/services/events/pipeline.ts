import type { InboxEventView } from '../../../shared/contract/events';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import type { Logger } from '../../logging/logger';
import { prepare } from '../../ledger/sql';
import { applyEffects } from './effects';
import { leaveCrossing } from './fact-keys';
import { getEventRow, insertDraft, toView } from './inbox';
import type { CrossingReset, EventDraft } from './types';

/**
 * The one way into the inbox, for webhooks, the poller and local operations, in ONE
 * transaction (one commit per delivery, committed before a webhook is answered):
 * 1. the delivery id (if any) is claimed, crossings are updated and each draft is inserted
 *    unless its fact is already there;
 * 2. per new event, a savepoint: its effects, and the row marked applied (an effect that
 *    fails rolls back to the savepoint and leaves the event `failed`, retried at start-up);
 * 3. after the commit, the renderer is told (`event:inbox`) and the alert rules are asked
 *    to re-run.
 * `stage()` does 1–2 inside a caller's transaction (the webhook listener adds its counter
 * and commits several deliveries at once), `publish()` does 3 after the caller's commit.
 */

export interface IngestOptions {
  /**
   * A webhook delivery's ids (upstream event id, body hash): a delivery any of them was
   * seen with before is a duplicate and changes nothing.
   */
  receipts?: { accountId: string; deliveryId: string }[];
  /** Crossing families observed clear in the same look. */
  resets?: CrossingReset[];
}

export interface IngestResult {
  /** The delivery id was seen before: nothing changed. */
  duplicateDelivery: boolean;
  /** New events (after their effects), in order, including events the effects recorded. */
  inserted: InboxEventView[];
}

/** An ingest written but not yet published: call `publish()` once its transaction committed. */
export interface StagedIngest {
  result: IngestResult;
  publish(): void;
}

export interface EventPipeline {
  ingest(drafts: EventDraft[], options?: IngestOptions): IngestResult;
  /** The writes of `ingest` only; must run inside a transaction the caller commits. */
  stage(drafts: EventDraft[], options?: IngestOptions): StagedIngest;
  /** Applies rows left pending by a crash or a failed effect. */
  applyPending(): InboxEventView[];
  /** Runs after every ingest that changed something (the alert rules). */
  onChange(listener: () => void): () => void;
  /**
   * Forgets delivery ids received before `before` (upstreams stop retrying within hours;
   * the events themselves stay, and their fact keys still refuse a late duplicate).
   */
  pruneReceipts(before: Date): number;
}

export function createEventPipeline(deps: { ledger: Ledger; clock: Clock; bus: EventBus; log: Logger }): EventPipeline {
  const { sqlite } = deps.ledger;
  const listeners = new Set<() => void>();
  const now = () => deps.clock.now().toISOString();

  function applyOne(id: string): string[] {
    const extra: string[] = [];
    try {
      sqlite.transaction(() => {
        const row = getEventRow(sqlite, id);
        if (!row || row.status === 'applied') return;
        const at = now();
        const result = applyEffects(
          sqlite,
          { id: row.id, type: row.type, accountId: row.account_id, payload: JSON.parse(row.payload) as Record<string, unknown>, occurredAt: row.occurred_at },
          at,
        );
        prepare(sqlite, "UPDATE event_inbox SET status = 'applied', applied_at = ?, effects = ?, error = NULL WHERE id = ? AND status != 'applied'").run(
          at,
          JSON.stringify(result.effects),
          id,
        );
        extra.push(...result.newEventIds);
      })();
    } catch (error) {
      // The event stays in the inbox (failed) and is retried at the next start-up.
      const message = error instanceof Error ? error.message : String(error);
      prepare(sqlite, "UPDATE event_inbox SET status = 'failed', error = ? WHERE id = ?").run(message.slice(0, 500), id);
      deps.log.error('An event could not be applied', { eventId: id, error: message });
    }
    return extra;
  }

  /** Applies the events; their views as they stand after (not yet announced). */
  function applyAll(ids: string[]): InboxEventView[] {
    const views: InboxEventView[] = [];
    for (const id of ids) {
      const extra = applyOne(id);
      for (const eventId of [id, ...extra]) {
        const row = getEventRow(sqlite, eventId);
        if (row) views.push(toView(row));
      }
    }
    return views;
  }

  function announce(views: InboxEventView[]): void {
    for (const view of views) deps.bus.emit('event:inbox', view);
  }

  function changed(): void {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        deps.log.error('An event listener failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  function stage(drafts: EventDraft[], options: IngestOptions = {}): StagedIngest {
    const resets = options.resets ?? [];
    const ids: string[] = [];
    let duplicateDelivery = false;
    const receivedAt = now();
    const receipts = options.receipts ?? [];
    const seen = prepare(sqlite, 'SELECT 1 FROM webhook_receipts WHERE account_id = ? AND delivery_id = ?');
    if (receipts.some((r) => seen.get(r.accountId, r.deliveryId) !== undefined)) {
      duplicateDelivery = true;
    } else {
      for (const family of resets) leaveCrossing(sqlite, family, receivedAt);
      for (const draft of drafts) {
        const id = insertDraft(sqlite, draft, receivedAt);
        if (id) ids.push(id);
      }
      const claim = prepare(sqlite, 'INSERT INTO webhook_receipts (account_id, delivery_id, event_id, received_at) VALUES (?, ?, ?, ?)');
      for (const r of receipts) claim.run(r.accountId, r.deliveryId, ids[0] ?? null, receivedAt);
    }
    const inserted = applyAll(ids);
    return {
      result: { duplicateDelivery, inserted },
      publish() {
        announce(inserted);
        if (inserted.length > 0 || (!duplicateDelivery && resets.length > 0)) changed();
      },
    };
  }

  return {
    ingest(drafts, options = {}) {
      const staged = sqlite.transaction(() => stage(drafts, options))();
      staged.publish();
      return staged.result;
    },
    stage(drafts, options) {
      if (!sqlite.inTransaction) throw new Error('pipeline.stage() must run inside a transaction');
      return stage(drafts, options);
    },
    applyPending() {
      const ids = prepare(sqlite, "SELECT id FROM event_inbox WHERE status != 'applied' ORDER BY seq").pluck().all() as string[];
      const views = applyAll(ids);
      announce(views);
      if (views.length > 0) changed();
      return views;
    },
    pruneReceipts(before) {
      return prepare(sqlite, 'DELETE FROM webhook_receipts WHERE received_at < ?').run(before.toISOString()).changes;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
