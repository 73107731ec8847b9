import type { OperationPage, OperationStatusName, ReconcileSummary } from '../../../shared/contract/operations';
import { AppError, isAppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { prepare } from '../../ledger/sql';
import type { Logger } from '../../logging/logger';
import type { Provider } from '../../providers/types';
import type { ProviderRegistry } from '../accounts/provider-registry';
import { errorParts, fateOf, stillPendingError } from './outcome';
import { getOperationRow, insertPending, listOperations, markCompleted, markFailed, notePendingAttempt, pendingRows, toRecord } from './operation-store';
import type { AnyOperationKind, LocalFact, OperationKind, OperationOutcome, OperationRecord, StoredResult } from './types';

/**
 * The operations journal: every upstream change goes through `run`.
 *
 * Lifecycle of one operation:
 * 1. a `pending` row with a fresh idempotency key is committed BEFORE the request;
 * 2. the request is sent with that key;
 * 3. an answer → ONE SQLite transaction: the row `completed` with its result, and the
 *    kind's local effects (journal transactions, services row, customer link);
 *    a definite refusal (4xx, 429/503 before acting, nothing sent) → `failed`, nothing
 *    posted; an unknown outcome (timeout, dropped connection, 5xx) → stays `pending`.
 *
 * Reconciliation (at start-up, after a network error, on demand) of a pending row:
 * - within the upstream's idempotency window: send the SAME request with the SAME key.
 *   If the first attempt committed upstream, the upstream replays its answer (no second
 *   effect); if it never arrived, this is the first real attempt. Then complete / fail /
 *   stay pending exactly as above;
 * - past the window (or when the upstream says the key was used for something else):
 *   look for the result in the upstream's own lists (`kind.lookup`): found → complete,
 *   absent → failed, cannot tell → stay pending.
 * A row is completed at most once (the UPDATE checks it is still pending), so two
 * reconcilers never post twice.
 */

/** Retries with the same key only while the upstream still remembers it (they keep keys 24 h). */
export const RETRY_WINDOW_MS = 20 * 60 * 60 * 1000;
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
}

export interface OperationsJournal {
  register(kind: AnyOperationKind): void;
  run<Req, Res, Out>(kind: OperationKind<Req, Res, Out>, input: RunInput<Req>): Promise<OperationOutcome<Res, Out>>;
  /** Checks every pending operation (or one account's) with its upstream. */
  reconcilePending(options?: { accountId?: string }): Promise<ReconcileSummary>;
  reconcileOne(operationId: string): Promise<OperationStatusName>;
  list(filter: { status?: OperationStatusName | undefined; accountId?: string | undefined; customerId?: string | undefined; limit: number; offset: number }): OperationPage;
  /** Stops the background check and waits for checks in progress. */
  close(): Promise<void>;
}

type Attempt<Res, Out> =
  | { state: 'completed'; outcome: OperationOutcome<Res, Out> }
  | { state: 'failed'; error: unknown }
  | { state: 'pending'; error: unknown };

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
      // (which replays the upstream's answer) writes it; never drop it.
      log.error('Recording a completed upstream operation failed', { operationId: op.id, kind: op.kind, error: errorParts(error).message });
      stillPending(op, errorParts(error));
      return { state: 'pending', error };
    }
  }

  async function viaLookup<Req, Res, Out>(kind: OperationKind<Req, Res, Out>, provider: Provider, op: OperationRecord<Req>): Promise<Attempt<Res, Out>> {
    try {
      const found = await kind.lookup!(provider, op, sqlite);
      if (found.status === 'found') return { state: 'completed', outcome: complete(kind, op, found.result) };
      if (found.status === 'absent') {
        const error = new AppError('UPSTREAM_REJECTED', 'The upstream has no trace of this change, so it did not happen. Nothing was charged; you can try again.');
        fail(op, error);
        return { state: 'failed', error };
      }
      stillPending(op, { code: 'UPSTREAM_OUTCOME_UNKNOWN', message: 'The upstream lists could not settle this operation yet.' });
      return { state: 'pending', error: null };
    } catch (error) {
      stillPending(op, errorParts(error));
      return { state: 'pending', error };
    }
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
    const age = clock.now().getTime() - Date.parse(op.createdAt);
    let result: Attempt<unknown, unknown>;
    if (age > RETRY_WINDOW_MS && kind.lookup) {
      result = await viaLookup(kind, provider, op);
    } else if (age > RETRY_WINDOW_MS && !kind.resendSafe) {
      // The upstream no longer knows the key and its lists cannot tell: resending could charge twice.
      stillPending(
        op,
        { code: 'NEEDS_REVIEW', message: 'The upstream no longer remembers this request and its lists cannot settle it. Check it in the upstream dashboard; it stays pending (and is listed under Events → Upstream operations) until settled.' },
      );
      return 'pending';
    } else {
      result = await attempt(kind, provider, op, true);
      const reused = result.state === 'failed' && isAppError(result.error) && result.error.details?.upstreamCode === 'IDEMPOTENCY_KEY_REUSED';
      if (reused) log.warn('Idempotency key refused as reused', { operationId: op.id });
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

  const journal: OperationsJournal = {
    register(kind) {
      kinds.set(kind.kind, kind);
    },

    async run(kind, input) {
      if (!kinds.has(kind.kind)) kinds.set(kind.kind, kind as AnyOperationKind);
      const provider = providers.forAccount(input.accountId);
      const op = insertPending(sqlite, { kind: kind.kind, accountId: input.accountId, customerId: input.customerId, request: input.request }, clock.now()) as OperationRecord<
        typeof input.request
      >;
      emitStatus(op, 'pending');
      const work = async () => {
        let result = await attempt(kind, provider, op, false);
        // After a network error: check once right away with the same key (replays if it went through).
        if (result.state === 'pending') result = await attempt(kind, provider, op, false);
        if (result.state === 'pending') log.warn('Upstream operation outcome unknown; it stays pending until reconciled', { operationId: op.id, kind: op.kind });
        if (result.state === 'completed') return result.outcome;
        if (result.state === 'failed') throw result.error;
        scheduleReconcile();
        throw stillPendingError(op.id, provider.kind === 'whozex' ? 'Whozex' : 'Proxies.sx', result.error);
      };
      const p = work();
      inflight.set(op.id, p);
      try {
        return await p;
      } finally {
        inflight.delete(op.id);
      }
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
        for (const row of pendingRows(sqlite, options.accountId)) {
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
