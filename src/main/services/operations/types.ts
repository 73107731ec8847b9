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
   * Where a retry with the same key is not possible (the upstream forgot the key): look
   * for the result in the upstream's own lists.
   */
  lookup?(provider: Provider, op: OperationRecord<Req>, sqlite: Database.Database): Promise<LookupResult<Res>>;
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

export type LookupResult<Res> = { status: 'found'; result: Res } | { status: 'absent' } | { status: 'unknown' };

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
