import type Database from 'better-sqlite3';
import type { Provider } from '../../providers/types';

/**
 * One kind of upstream change (create a port, top up a customer, …). The operations
 * journal owns the lifecycle; a kind only says how to send the request, how to write
 * its local effects, and (optionally) how to find its result in the upstream's lists.
 *
 * `Req` is the upstream-level request, fully resolved (upstream ids, amounts, the quoted
 * price) and JSON-serialisable: a retry rebuilds exactly the same body from it, so the
 * upstream's idempotency check recognises it. `Res` is the JSON-serialisable answer.
 */
export interface OperationKind<Req = unknown, Res = unknown, Out = unknown> {
  readonly kind: string;
  /** One line for the operations list ("30-day shared port in DE"). */
  describe(req: Req): string;
  /** Sends the request with the operation's idempotency key. */
  execute(provider: Provider, req: Req, options: { idempotencyKey: string }): Promise<Res>;
  /**
   * Writes the local effects (journal transactions, services rows, links). Runs inside
   * the SQLite transaction that marks the operation completed, so all of it lands or
   * none. Must not refuse for business reasons: the upstream has already done it.
   */
  apply(sqlite: Database.Database, op: OperationRecord<Req>, res: Res, now: Date): Out;
  /**
   * Reads (documented reads only) what the lookup will compare against, BEFORE the request
   * leaves: the customer's balance, used port slots, package count… Stored with the pending
   * row. A read that fails refuses the charge (nothing was sent).
   */
  baseline?(provider: Provider, req: Req, ctx: { sqlite: Database.Database; accountId: string; customerId: string | null }): Promise<unknown>;
  /**
   * After an unknown outcome: did the request land? Looks in documented reads only (no
   * Idempotency-Key is promised on these routes). `absent` must be PROOF that it did not
   * land (then the journal resends); anything short of proof is `unknown` with the facts
   * seen, and the operation waits for the reseller (needs review). Throws when the reads
   * themselves fail (the operation stays pending and is checked again).
   */
  lookup?(provider: Provider, op: OperationRecord<Req>, sqlite: Database.Database): Promise<LookupResult<Res>>;
  /**
   * The reseller settled it as landed: the answer to book (from documented reads where
   * they help; `upstreamId` is the port/package id the reseller names when one is needed).
   */
  landed?(provider: Provider, op: OperationRecord<Req>, sqlite: Database.Database, upstreamId: string | null): Promise<Res>;
  /** A charge: one unsettled operation of this kind per customer (OPERATION_PENDING), unless confirmed separate. */
  readonly charge?: string;
  /** Sending it twice does no harm (setting a value, rotating an IP): resent even past the key's lifetime. */
  readonly resendSafe?: boolean;
  /**
   * The normalized event this completion is (same fact key as the upstream's webhook or
   * poll would use, so the inbox keeps one), recorded after the commit.
   */
  fact?(op: OperationRecord<Req>, res: Res): LocalFact | null;
}

export interface LocalFact {
  type: string;
  subject: string;
  factKey: string;
  payload: Record<string, unknown>;
}

export type LookupResult<Res> = { status: 'found'; result: Res } | { status: 'absent' } | { status: 'unknown'; facts?: Record<string, unknown> };

export interface OperationRecord<Req = unknown> {
  id: string;
  idempotencyKey: string;
  kind: string;
  accountId: string;
  customerId: string | null;
  status: 'pending' | 'completed' | 'failed';
  request: Req;
  attempts: number;
  createdAt: string;
  /** What the documented reads showed before the request (kind-specific JSON), if read. */
  baseline: unknown;
  /** The charging form's request id (same id, same operation). */
  clientRequestId: string | null;
}

export interface OperationOutcome<Res, Out> {
  operationId: string;
  result: Res;
  local: Out;
}

/** What is stored in operations.result for a completed operation. */
export interface StoredResult<Res = unknown, Out = unknown> {
  upstream: Res;
  local: Out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperationKind = OperationKind<any, any, any>;
