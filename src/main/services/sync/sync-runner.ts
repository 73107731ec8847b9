import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { SyncPhase, SyncProgress, SyncRunStats } from '../../../shared/contract/sync';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import { ledgerAccounts } from '../../ledger/journal';
import { prepare } from '../../ledger/sql';
import type { Page, Provider, UpstreamAccount, UpstreamTransaction } from '../../providers/types';
import { hasPendingOperations, reconcileBalance } from './balance-reconcile';
import { applyCustomerPage } from './customer-sync';
import { applyServicePage, markMissing, packageRow, portRow, unseenServices, type ServicePageContext } from './service-sync';
import { completePass, readCursor, writeState, type PassState, type SyncEntity } from './sync-state';
import { applyTransactionPage } from './transaction-sync';

export interface SyncRunnerDeps {
  sqlite: Database.Database;
  clock: Clock;
  provider: Provider;
  accountId: string;
  accountName: string;
  runId: string;
  signal: AbortSignal;
  stats: SyncRunStats;
  progress: (p: SyncProgress) => void;
  /** Re-read every list completely (and diff it) even if its count did not change. */
  forceFull: boolean;
  /** A list whose count is unchanged is still diffed completely once this old. */
  fullEveryMs: number;
  pageSize: number;
}

/**
 * One sync of one upstream account, phase by phase: the account (a connection check),
 * customers, services (ports or packages), the upstream's transactions, then the balance
 * (read again at the end, so what it is compared with is as fresh as the ledger). Every page commits together
 * with its cursor, so a sync that dies part-way continues from the last committed page.
 */
export class SyncRunner {
  constructor(private readonly d: SyncRunnerDeps) {}

  private get sqlite() {
    return this.d.sqlite;
  }
  private now() {
    return this.d.clock.now();
  }
  private tx<T>(fn: () => T): T {
    return this.sqlite.transaction(fn)();
  }
  private checkAbort(): void {
    if (this.d.signal.aborted) throw new AppError('CANCELLED', 'The sync was cancelled. It continues where it stopped next time.');
  }
  private report(phase: SyncPhase, done: number, total: number | null): void {
    this.d.progress({ accountId: this.d.accountId, phase, done, total });
  }
  private read() {
    return { signal: this.d.signal };
  }

  /**
   * An upstream without an assumed route (e.g. Proxies.sx's balance or statement): the
   * phase is skipped and the run says why, in words; the sync itself does not fail.
   */
  private absent(phase: string, error: unknown): boolean {
    if (!(error instanceof AppError) || error.code !== 'UNSUPPORTED') return false;
    this.d.stats.skipped.push(phase);
    (this.d.stats.notes ??= []).push(error.message);
    return true;
  }

  async run(): Promise<void> {
    // Fail fast on a rejected key or an unreachable upstream, before reading any list:
    // a documented read, so an upstream without the assumed balance route passes.
    this.report('account', 0, 1);
    await this.d.provider.verifyKey(this.read());
    this.report('account', 1, 1);
    await this.customers();
    await this.services();
    await this.transactions();
    await this.balance();
    this.report('done', 1, 1);
  }

  /**
   * A list the upstream cannot filter by "changed since": read it page by page and diff
   * it. Incremental: the first page is a probe; when the upstream's count is unchanged and
   * the last complete pass is younger than fullEveryMs, the rest is skipped.
   */
  private async diffedList<T>(o: {
    entity: SyncEntity;
    phase: SyncPhase;
    fetch: (cursor: string | null) => Promise<Page<T>>;
    apply: (items: T[], passId: string | null) => void;
    complete?: (passId: string) => Promise<void>;
  }): Promise<void> {
    const { sqlite, accountId } = this.d;
    const { state, watermark } = readCursor(sqlite, accountId, o.entity);
    let pass: PassState;
    if (state) {
      pass = state; // resume where a killed or cancelled sync stopped
    } else {
      this.checkAbort();
      const first = await o.fetch(null);
      const age = watermark ? this.now().getTime() - Date.parse(watermark.fullAt) : Infinity;
      if (!this.d.forceFull && watermark && first.total !== null && watermark.total === first.total && age < this.d.fullEveryMs) {
        this.tx(() => o.apply(first.items, null));
        this.d.stats.skipped.push(o.entity);
        this.report(o.phase, first.total, first.total);
        return;
      }
      pass = { passId: randomUUID(), cursor: first.nextCursor, done: first.items.length, total: first.total };
      const snapshot = pass;
      this.tx(() => {
        o.apply(first.items, snapshot.passId);
        writeState(sqlite, accountId, o.entity, snapshot, this.now().toISOString());
      });
      this.report(o.phase, pass.done, pass.total);
    }
    while (pass.cursor !== null) {
      this.checkAbort();
      const page = await o.fetch(pass.cursor);
      const next: PassState = { ...pass, cursor: page.nextCursor, done: pass.done + page.items.length, total: page.total ?? pass.total };
      this.tx(() => {
        o.apply(page.items, next.passId);
        writeState(sqlite, accountId, o.entity, next, this.now().toISOString());
      });
      pass = next;
      this.report(o.phase, pass.done, pass.total);
    }
    this.checkAbort();
    if (o.complete) await o.complete(pass.passId);
    const done = pass;
    this.tx(() => completePass(sqlite, accountId, o.entity, { passId: done.passId, total: done.total, fullAt: this.now().toISOString() }, this.now().toISOString()));
  }

  private async customers(): Promise<void> {
    const { provider, accountId } = this.d;
    const reconcileSubBalances = !hasPendingOperations(this.sqlite, accountId);
    if (!reconcileSubBalances) this.d.stats.skipped.push('sub-balances');
    await this.diffedList({
      entity: 'customers',
      phase: 'customers',
      fetch: (cursor) => provider.listCustomers({ cursor, limit: this.d.pageSize }, this.read()),
      apply: (items, passId) =>
        applyCustomerPage(
          {
            sqlite: this.sqlite,
            accountId,
            accountName: this.d.accountName,
            runId: this.d.runId,
            passId,
            now: this.now(),
            reconcileSubBalances,
            stats: this.d.stats,
          },
          items,
        ),
    });
  }

  private serviceContext(passId: string | null, countryCodes: Map<string, string>): ServicePageContext {
    return { sqlite: this.sqlite, accountId: this.d.accountId, runId: this.d.runId, passId, now: this.now(), countryCodes, stats: this.d.stats };
  }

  private async services(): Promise<void> {
    const { provider } = this.d;
    if (provider.capabilities.ports) await this.ports();
    if (provider.capabilities.packages) await this.packages();
  }

  private async ports(): Promise<void> {
    const { provider, accountId } = this.d;
    const countryCodes = new Map<string, string>();
    if (provider.capabilities.referenceData) {
      try {
        for (const c of (await provider.listCountries(this.read())).items) countryCodes.set(c.id, c.code);
      } catch (error) {
        if (this.d.signal.aborted) throw error;
        // Country codes are a nicety: without them the country id is stored instead.
      }
    }
    await this.diffedList({
      entity: 'services',
      phase: 'services',
      fetch: (cursor) => provider.listPorts({ cursor, limit: this.d.pageSize }, this.read()),
      apply: (items, passId) => applyServicePage(this.serviceContext(passId, countryCodes), items.map((p) => portRow(p, countryCodes))),
      complete: async (passId) => {
        // Not seen in a complete pass: gone upstream — unless it moved between pages while
        // we read (offset pages shift when something is deleted), so ask for each one.
        const candidates = unseenServices(this.sqlite, accountId, 'port', passId);
        for (const s of candidates) {
          this.checkAbort();
          try {
            const port = await provider.getPort(s.upstream_id, this.read());
            this.tx(() => applyServicePage(this.serviceContext(passId, countryCodes), [portRow(port, countryCodes)]));
          } catch (error) {
            if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
            this.tx(() => markMissing(this.serviceContext(passId, countryCodes), 'port', s, passId));
          }
        }
      },
    });
  }

  /**
   * Whozex has no list of packages: the packages the app knows are refreshed one by one
   * (live GB figures); one the upstream no longer knows becomes a conflict. Finished
   * packages (depleted, expired, missing) are not asked about again.
   */
  private async packages(): Promise<void> {
    const { provider, accountId } = this.d;
    const known = prepare(
      this.sqlite,
      `SELECT id, upstream_id, status, customer_id FROM services
       WHERE provider_account_id = ? AND kind = 'package' AND status NOT IN ('missing_upstream', 'expired', 'depleted') ORDER BY created_at`,
    ).all(accountId) as { id: string; upstream_id: string; status: string; customer_id: string }[];
    const passId = randomUUID();
    let done = 0;
    this.report('services', 0, known.length);
    for (const s of known) {
      this.checkAbort();
      try {
        const pkg = await provider.getPackage(s.upstream_id, this.read());
        this.tx(() => applyServicePage(this.serviceContext(passId, new Map()), [packageRow(pkg)]));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        this.tx(() => markMissing(this.serviceContext(passId, new Map()), 'package', s, passId));
      }
      this.report('services', ++done, known.length);
    }
  }

  /**
   * The upstream's statement is newest first. The first pass reads it to the end; later
   * passes stop at the first page holding a line already stored (everything older is
   * stored too). A pass resumed after a crash continues from its committed cursor.
   */
  private async transactions(): Promise<void> {
    const { sqlite, accountId, provider } = this.d;
    const { state, watermark } = readCursor(sqlite, accountId, 'transactions');
    let pass: PassState = state ?? { passId: randomUUID(), cursor: null, done: 0, total: null, stopAtKnown: watermark !== null };
    for (;;) {
      this.checkAbort();
      let page: Page<UpstreamTransaction>;
      try {
        page = await provider.listTransactions({ cursor: pass.cursor, limit: this.d.pageSize }, this.read());
      } catch (error) {
        if (this.absent('transactions', error)) return;
        throw error;
      }
      const current = pass;
      const finished = this.tx(() => {
        const fresh = applyTransactionPage(sqlite, { accountId, runId: this.d.runId, now: this.now(), items: page.items });
        this.d.stats.transactionsNew += fresh;
        const next: PassState = { ...current, cursor: page.nextCursor, done: current.done + page.items.length, total: page.total ?? current.total };
        const end = page.nextCursor === null || (current.stopAtKnown === true && fresh < page.items.length);
        const now = this.now().toISOString();
        if (end) completePass(sqlite, accountId, 'transactions', { passId: current.passId, total: next.total, fullAt: now }, now);
        else writeState(sqlite, accountId, 'transactions', next, now);
        pass = next;
        return end;
      });
      this.report('transactions', pass.done, pass.stopAtKnown ? null : pass.total);
      if (finished) return;
    }
  }

  private async balance(): Promise<void> {
    const { sqlite, accountId, provider } = this.d;
    this.checkAbort();
    this.report('balance', 0, 1);
    let account: UpstreamAccount;
    try {
      account = await provider.getAccount(this.read());
    } catch (error) {
      if (this.absent('balance', error)) return this.report('balance', 1, 1);
      throw error;
    }
    this.tx(() => {
      if (hasPendingOperations(sqlite, accountId)) {
        this.d.stats.skipped.push('balance');
        return;
      }
      const outcome = reconcileBalance(sqlite, {
        providerAccountId: accountId,
        ledgerAccount: ledgerAccounts.upstream(accountId),
        upstreamBalance: account.balance,
        label: `the ${this.d.accountName} balance`,
        customerId: null,
        runId: this.d.runId,
        now: this.now(),
      });
      if (outcome === 'adjusted') this.d.stats.conflicts++;
    });
    this.report('balance', 1, 1);
  }
}
