import type { OperationPage, OperationStatusName, ReconcileSummary } from '../../../shared/contract/operations';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';
import type { Logger } from '../../logging/logger';
import type { Provider } from '../../providers/types';
import type { ProviderRegistry } from '../accounts/provider-registry';
import { errorParts, fateOf, stillPendingError } from './outcome';
import {
  getOperationRow,
  insertPending,
  isNeedsReview,
  listOperations,
  markCompleted,
  markFailed,
  markNeedsReview,
  notePendingAttempt,
  operationByRequestId,
  pendingRows,
  toRecord,
  unsettledFor,
} from './operation-store';
import type { AnyOperationKind, LocalFact, OperationKind, OperationOutcome, OperationRecord, StoredResult } from './types';

/**
 * The operations journal: every upstream change goes through `run`.
 *
 * Lifecycle of one operation:
 * 1. for a charge, the kind reads its BASELINE from documented reads (the customer's
 *    balance, used port slots, package count…); then a `pending` row (with the baseline,
 *    the form's request id and an Idempotency-Key) is committed BEFORE the request;
 * 2. the request is sent. The Idempotency-Key goes along (harmless where honoured) but
 *    nothing relies on it: the documents promise it on no route the app calls;
 * 3. an answer → ONE SQLite transaction: the row `completed` with its result, and the
 *    kind's local effects; a definite refusal → `failed`, nothing posted; an unknown
 *    outcome (timeout, dropped connection, 5xx, "key in use/reused") → settled by LOOKING.
 *
 * Settling an unknown outcome (right away, at start-up, on demand):
 * - resend-safe kinds (setting a value, rotating an IP) are simply sent again;
 * - charges are looked up in documented reads (`kind.lookup`): found → complete with what
 *   the reads show; proven absent → sent again (the only resend of a charge); the reads
 *   cannot decide → NEEDS REVIEW: still pending, with the facts, until the reseller settles
 *   it (landed → booked as if it had succeeded; did not land → failed, nothing booked).
 * A row is completed at most once (the UPDATE checks it is still pending), so two
 * reconcilers never post twice.
 */

/** Sends of one charge inside one `run` (the first, and one resend after a proven absence). */
const MAX_SENDS_IN_RUN = 2;
const RECONCILE_AFTER_ERROR_MS = 5_000;

export interface OperationsJournalDeps {
  ledger: Ledger;
  clock: Clock;
  bus: EventBus;
  providers: ProviderRegistry;
  log: Logger;
  /** Delay before the background check after a network error (tests: 0 disables it). */
  reconcileDelayMs?: number;
  /** Records a completed operation's fact in the event inbox (issue 6's recordLocal). */
  recordFact?: (input: LocalFact & { accountId: string }) => void;
}

export interface RunInput<Req> {
  accountId: string;
  customerId: string | null;
  request: Req;
  /** The charging form's request id: a second call with it returns the first operation's outcome. */
  requestId?: string | undefined;
  /** Start a separate charge even though one of this kind for this customer is unsettled. */
  confirmSeparate?: boolean | undefined;
}

export interface SettleInput {
  operationId: string;
  landed: boolean;
  /** The port or package id the charge created upstream (when the reseller settles a creation as landed). */
  upstreamId?: string | undefined;
}

export interface OperationsJournal {
  register(kind: AnyOperationKind): void;
  run<Req, Res, Out>(kind: OperationKind<Req, Res, Out>, input: RunInput<Req>): Promise<OperationOutcome<Res, Out>>;
  /**
   * Before the caller does any preparation of its own (funding top-ups, upstream customers):
   * the outcome of an operation already started with this request id, or null to go on.
   * Refuses (OPERATION_PENDING) a new charge while one of this kind is unsettled for the customer.
   */
  replay<Res, Out>(
    kind: string,
    input: { accountId?: string | undefined; customerId: string | null; requestId?: string | undefined; confirmSeparate?: boolean | undefined },
  ): Promise<OperationOutcome<Res, Out> | null>;
  /**
   * Checks every pending operation (or one account's) with its upstream. Those waiting for
   * the reseller (needs review) are looked at again only when `includeReview` (the reseller's
   * own "Check now"), never by the background sweep.
   */
  reconcilePending(options?: { accountId?: string; includeReview?: boolean }): Promise<ReconcileSummary>;
  reconcileOne(operationId: string): Promise<OperationStatusName>;
  /** The reseller settles an operation the reads could not (Events → Upstream operations). */
  settle(input: SettleInput): Promise<OperationStatusName>;
  list(filter: { status?: OperationStatusName | undefined; accountId?: string | undefined; customerId?: string | undefined; limit: number; offset: number }): OperationPage;
  /** Stops the background check and waits for checks in progress. */
  close(): Promise<void>;
}

type Attempt<Res, Out> =
  | { state: 'completed'; outcome: OperationOutcome<Res, Out> }
  | { state: 'failed'; error: unknown }
  | { state: 'pending'; error: unknown; review?: boolean };

const upstreamName = (provider: Provider) => (provider.kind === 'whozex' ? 'Whozex' : 'Proxies.sx');

export function createOperationsJournal(deps: OperationsJournalDeps): OperationsJournal {
  const { ledger, clock, bus, providers, log } = deps;
  const { sqlite } = ledger;
  const kinds = new Map<string, AnyOperationKind>();
  const inflight = new Map<string, Promise<unknown>>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let sweep: Promise<ReconcileSummary> | null = null;

  const emitStatus = (op: OperationRecord, status: OperationStatusName) => bus.emit('event:operation-changed', { operationId: op.id, status, kind: op.kind });
  /** An attempt whose outcome stayed unknown: counted on the row, and announced so a list showing it refreshes. */
  const stillPending = (op: OperationRecord, error: { code: string; message: string } | null) => {
    notePendingAttempt(sqlite, op.id, error, clock.now());
    emitStatus(op, 'pending');
  };

  function describeRow(kind: string, request: string): string {
    const k = kinds.get(kind);
    if (!k) return kind;
    try {
      return k.describe(JSON.parse(request));
    } catch {
      return kind;
    }
  }

  function storedOutcome<Res, Out>(id: string): OperationOutcome<Res, Out> | null {
    const row = getOperationRow(sqlite, id);
    if (row?.status !== 'completed' || !row.result) return null;
    const stored = JSON.parse(row.result) as StoredResult<Res, Out>;
    return { operationId: id, result: stored.upstream, local: stored.local };
  }

  /** Announces the money and services the completed operation wrote (after commit). */
  function announce(op: OperationRecord): void {
    const txs = prepare(sqlite, 'SELECT id, customer_id, provider_account_id FROM transactions WHERE operation_id = ?').all(op.id) as {
      id: string;
      customer_id: string | null;
      provider_account_id: string | null;
    }[];
    for (const t of txs) bus.emit('event:money-changed', { transactionId: t.id, customerId: t.customer_id, accountId: t.provider_account_id });
    if (op.customerId) bus.emit('event:customer-changed', { customerId: op.customerId });
    emitStatus(op, 'completed');
  }

  function complete<Req, Res, Out>(kind: OperationKind<Req, Res, Out>, op: OperationRecord<Req>, res: Res): OperationOutcome<Res, Out> {
    const now = clock.now();
    const requestId = res && typeof res === 'object' && 'requestId' in res && typeof res.requestId === 'string' ? res.requestId : null;
    const local = sqlite.transaction(() => {
      const row = getOperationRow(sqlite, op.id);
      if (row?.status !== 'pending') return { done: false as const };
      const out = kind.apply(sqlite, op, res, now);
      const stored: StoredResult<Res, Out> = { upstream: res, local: out };
      if (!markCompleted(sqlite, op.id, stored, requestId, now)) throw new AppError('CONFLICT', 'The operation was completed by another check.');
      return { done: true as const, out };
    })();
    if (!local.done) {
      const existing = storedOutcome<Res, Out>(op.id);
      if (existing) return existing;
      throw new AppError('CONFLICT', 'This operation was already settled as failed.', { details: { operationId: op.id } });
    }
    announce(op);
    if (deps.recordFact && kind.fact) {
      try {
        const fact = kind.fact(op, res);
        if (fact) deps.recordFact({ ...fact, accountId: op.accountId });
      } catch (error) {
        log.warn('Recording the event of an operation failed', { operationId: op.id, error: errorParts(error).message });
      }
    }
    return { operationId: op.id, result: res, local: local.out };
  }

  function fail(op: OperationRecord, error: unknown): void {
    const parts = errorParts(error);
    if (markFailed(sqlite, op.id, parts, clock.now())) {
      log.warn('Upstream operation refused; nothing was charged', { operationId: op.id, kind: op.kind, code: parts.code });
      emitStatus(op, 'failed');
    }
  }

  /** One upstream attempt with the operation's key, settled in the ledger. */
  async function attempt<Req, Res, Out>(kind: OperationKind<Req, Res, Out>, provider: Provider, op: OperationRecord<Req>, reconciling: boolean): Promise<Attempt<Res, Out>> {
    let res: Res;
    // Attempts counted on a pending row are ones whose outcome stayed unknown; a row found
    // pending by a reconciliation may have been sent by a process that died.
    const earlierUnknown = reconciling || (getOperationRow(sqlite, op.id)?.attempts ?? 0) > 0;
    try {
      res = await kind.execute(provider, op.request, { idempotencyKey: op.idempotencyKey });
    } catch (error) {
      if (fateOf(error, earlierUnknown) === 'refused') {
        fail(op, error);
        return { state: 'failed', error };
      }
      stillPending(op, errorParts(error));
      return { state: 'pending', error };
    }
    try {
      return { state: 'completed', outcome: complete(kind, op, res) };
    } catch (error) {
      // The upstream did it but the local write failed: keep it pending so a later check
      // (which finds it in the upstream's lists) writes it; never drop it.
      log.error('Recording a completed upstream operation failed', { operationId: op.id, kind: op.kind, error: errorParts(error).message });
      stillPending(op, errorParts(error));
      return { state: 'pending', error };
    }
  }

  function needsReview(op: OperationRecord, facts: Record<string, unknown> | undefined, upstream: string): void {
    const message = `${upstream} did not confirm this change and its documented lists cannot tell whether it happened. Check it in the ${upstream} dashboard, then settle it here (Events → Upstream operations): "It landed" books it, "It did not land" closes it with nothing booked.`;
    const kept = { asked: kinds.get(op.kind)?.describe(op.request) ?? op.kind, request: op.request, before: op.baseline, seen: facts ?? null, checkedAt: clock.now().toISOString() };
    if (markNeedsReview(sqlite, op.id, message, kept, clock.now())) {
      log.warn('Upstream operation needs review: the documented reads cannot settle it', { operationId: op.id, kind: op.kind });
      emitStatus(op, 'pending');
    }
  }

  /**
   * An unknown outcome of a charge: look in documented reads. Found → complete; proven
   * absent → send again (when `resend` allows); undecidable → needs review; the reads
   * fail → stays pending (checked again later).
   */
  async function settleByLookup<Req, Res, Out>(
    kind: OperationKind<Req, Res, Out>,
    provider: Provider,
    op: OperationRecord<Req>,
    resend: boolean,
    onResend: () => void = () => undefined,
  ): Promise<Attempt<Res, Out>> {
    let found: Awaited<ReturnType<NonNullable<OperationKind<Req, Res, Out>['lookup']>>>;
    try {
      found = await kind.lookup!(provider, op, sqlite);
    } catch (error) {
      stillPending(op, errorParts(error));
      return { state: 'pending', error };
    }
    if (found.status === 'found') {
      try {
        return { state: 'completed', outcome: complete(kind, op, found.result) };
      } catch (error) {
        log.error('Recording a completed upstream operation failed', { operationId: op.id, kind: op.kind, error: errorParts(error).message });
        stillPending(op, errorParts(error));
        return { state: 'pending', error };
      }
    }
    if (found.status === 'absent') {
      if (!resend) {
        stillPending(op, { code: 'UPSTREAM_OUTCOME_UNKNOWN', message: 'It did not land upstream; it will be sent again on the next check.' });
        return { state: 'pending', error: null };
      }
      log.info('The upstream lists prove the request did not land; sending it again', { operationId: op.id, kind: op.kind });
      onResend();
      return attempt(kind, provider, op, true);
    }
    needsReview(op, found.facts, upstreamName(provider));
    return { state: 'pending', error: null, review: true };
  }

  async function reconcileRecord(op: OperationRecord): Promise<OperationStatusName> {
    const kind = kinds.get(op.kind);
    if (!kind) {
      log.warn('Pending operation of an unknown kind', { operationId: op.id, kind: op.kind });
      return 'pending';
    }
    let provider: Provider;
    try {
      provider = providers.forAccount(op.accountId);
    } catch (error) {
      stillPending(op, errorParts(error));
      return 'pending';
    }
    let result: Attempt<unknown, unknown>;
    if (kind.resendSafe) result = await attempt(kind, provider, op, true);
    else if (kind.lookup) result = await settleByLookup(kind, provider, op, true);
    else {
      // Nothing documented can tell, and resending could charge twice.
      needsReview(op, undefined, upstreamName(provider));
      return 'pending';
    }
    return result.state;
  }

  function guarded<T>(id: string, work: () => Promise<T>): Promise<T> | null {
    if (inflight.has(id)) return null;
    const p = work().finally(() => inflight.delete(id));
    inflight.set(id, p);
    return p;
  }

  function scheduleReconcile(): void {
    const delay = deps.reconcileDelayMs ?? RECONCILE_AFTER_ERROR_MS;
    if (closed || delay <= 0 || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void journal.reconcilePending().catch((error: unknown) => log.warn('Background reconciliation failed', { error: errorParts(error).message }));
    }, delay);
    timer.unref();
  }

  /** The settled (or still unsettled) outcome of an operation a caller started before. */
  async function outcomeOf<Res, Out>(id: string): Promise<OperationOutcome<Res, Out>> {
    const running = inflight.get(id);
    if (running) await running.catch(() => undefined);
    else if (getOperationRow(sqlite, id)?.status === 'pending') await journal.reconcileOne(id);
    const row = getOperationRow(sqlite, id)!;
    if (row.status === 'completed') return storedOutcome<Res, Out>(id)!;
    if (row.status === 'failed') {
      throw new AppError(row.error_code ?? 'UPSTREAM_REJECTED', row.error_message ?? 'The upstream refused this change; nothing was charged.', { details: { operationId: id } });
    }
    let upstream = 'The upstream';
    try {
      upstream = upstreamName(providers.forAccount(row.provider_account_id));
    } catch {
      // The account is gone; the generic name will do.
    }
    throw stillPendingError(id, upstream, null, isNeedsReview(row));
  }

  function refuseWhileUnsettled(kindName: string, customerId: string, accountId: string | undefined): void {
    const row = unsettledFor(sqlite, kindName, customerId, accountId);
    if (!row) return;
    const what = describeRow(row.kind, row.request);
    const review = isNeedsReview(row);
    throw new AppError(
      'OPERATION_PENDING',
      `An earlier charge for this customer is still ${review ? 'waiting for you to settle it' : 'unsettled'}: "${what}" (started ${row.created_at.slice(0, 16).replace('T', ' ')} UTC). Check it under Events → Upstream operations → Check now${review ? ', or settle it there' : ''}. To charge again anyway, confirm a separate charge.`,
      { details: { operationId: row.id, kind: row.kind, needsReview: review, createdAt: row.created_at } },
    );
  }

  const journal: OperationsJournal = {
    register(kind) {
      kinds.set(kind.kind, kind);
    },

    async replay<Res, Out>(
      kindName: string,
      input: { accountId?: string | undefined; customerId: string | null; requestId?: string | undefined; confirmSeparate?: boolean | undefined },
    ): Promise<OperationOutcome<Res, Out> | null> {
      if (input.requestId) {
        const row = operationByRequestId(sqlite, input.requestId);
        if (row) {
          if (row.kind !== kindName || row.customer_id !== input.customerId) {
            throw new AppError('INVALID_INPUT', 'This request id belongs to another charge. Close the form and open it again.', { field: 'requestId' });
          }
          return outcomeOf<Res, Out>(row.id);
        }
      }
      if (input.customerId && !input.confirmSeparate && kinds.get(kindName)?.charge) refuseWhileUnsettled(kindName, input.customerId, input.accountId);
      return null;
    },

    async run<Req, Res, Out>(kind: OperationKind<Req, Res, Out>, input: RunInput<Req>): Promise<OperationOutcome<Res, Out>> {
      if (!kinds.has(kind.kind)) kinds.set(kind.kind, kind as AnyOperationKind);
      const again = await journal.replay<Res, Out>(kind.kind, input);
      if (again) return again;
      const provider = providers.forAccount(input.accountId);
      // Read what a lookup will compare against BEFORE anything leaves (a failed read: nothing sent).
      const baseline = kind.baseline ? await kind.baseline(provider, input.request, { sqlite, accountId: input.accountId, customerId: input.customerId }) : null;
      // Checked again: the baseline read let other callers run.
      const raced = await journal.replay<Res, Out>(kind.kind, input);
      if (raced) return raced;
      const op = insertPending(
        sqlite,
        { kind: kind.kind, accountId: input.accountId, customerId: input.customerId, request: input.request, baseline, clientRequestId: input.requestId ?? null },
        clock.now(),
      ) as OperationRecord<Req>;
      emitStatus(op, 'pending');
      const work = async (): Promise<OperationOutcome<Res, Out>> => {
        let result = await attempt(kind, provider, op, false);
        let sends = 1;
        while (result.state === 'pending' && !result.review) {
          if (kind.resendSafe) {
            if (sends >= MAX_SENDS_IN_RUN) break;
            sends++;
            result = await attempt(kind, provider, op, false);
          } else if (kind.lookup) {
            // Look before any resend: no upstream promises to deduplicate these requests.
            let resent = false;
            result = await settleByLookup(kind, provider, op, sends < MAX_SENDS_IN_RUN, () => {
              sends++;
              resent = true;
            });
            if (!resent) break;
          } else {
            needsReview(op, undefined, upstreamName(provider));
            result = { state: 'pending', error: null, review: true };
          }
        }
        if (result.state === 'completed') return result.outcome;
        if (result.state === 'failed') throw result.error;
        log.warn('Upstream operation outcome unknown; it stays pending until settled', { operationId: op.id, kind: op.kind });
        if (!result.review) scheduleReconcile();
        throw stillPendingError(op.id, upstreamName(provider), result.error, result.review === true);
      };
      const p = work();
      inflight.set(op.id, p);
      try {
        return await p;
      } finally {
        inflight.delete(op.id);
      }
    },

    async settle(input) {
      const row = getOperationRow(sqlite, input.operationId);
      if (!row) throw new AppError('NOT_FOUND', 'That operation does not exist.', { field: 'operationId' });
      if (row.status !== 'pending') {
        throw new AppError('CONFLICT', `This operation is already ${row.status}; there is nothing to settle.`, { field: 'operationId', details: { status: row.status } });
      }
      if (inflight.has(row.id)) throw new AppError('CONFLICT', 'This operation is being checked with the upstream right now. Try again in a moment.', { field: 'operationId' });
      const op = toRecord(row);
      const kind = kinds.get(op.kind);
      if (!kind) throw new AppError('UNSUPPORTED', `Operations of kind ${op.kind} cannot be settled by this version.`);
      const work = async (): Promise<OperationStatusName> => {
        if (!input.landed) {
          const error = new AppError('SETTLED_NOT_LANDED', 'You settled it as not landed upstream: nothing was booked.');
          fail(op, error);
          return getOperationRow(sqlite, op.id)?.status ?? 'failed';
        }
        const provider = providers.forAccount(op.accountId);
        if (!kind.landed) throw new AppError('UNSUPPORTED', `"${kind.describe(op.request)}" cannot be booked by hand; check it again instead.`);
        const res = await kind.landed(provider, op, sqlite, input.upstreamId?.trim() || null);
        complete(kind, op, res);
        return 'completed';
      };
      const p = work().finally(() => inflight.delete(row.id));
      inflight.set(row.id, p);
      return p;
    },

    async reconcileOne(operationId) {
      const row = getOperationRow(sqlite, operationId);
      if (!row) throw new AppError('NOT_FOUND', 'That operation does not exist.', { field: 'operationId' });
      if (row.status !== 'pending') return row.status;
      const p = guarded(row.id, () => reconcileRecord(toRecord(row)));
      if (!p) return 'pending';
      return p;
    },

    reconcilePending(options = {}) {
      // One sweep at a time; a second caller shares it (unless it asks for another account).
      if (sweep && !options.accountId) return sweep;
      const run = (async () => {
        const summary: ReconcileSummary = { checked: 0, completed: 0, failed: 0, stillPending: 0 };
        for (const row of pendingRows(sqlite, options.accountId, options.includeReview)) {
          if (closed) break;
          const p = guarded(row.id, () => reconcileRecord(toRecord(row)));
          if (!p) continue;
          summary.checked++;
          const state = await p;
          if (state === 'completed') summary.completed++;
          else if (state === 'failed') summary.failed++;
          else summary.stillPending++;
        }
        if (summary.stillPending > 0) scheduleReconcile();
        return summary;
      })();
      if (!options.accountId) sweep = run.finally(() => (sweep = null));
      return run;
    },

    list(filter) {
      return listOperations(sqlite, filter, (row) => describeRow(row.kind, row.request));
    },

    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...inflight.values()]);
    },
  };
  return journal;
}
