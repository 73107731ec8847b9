import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { prepare } from '../ledger/sql';
import { AppError } from '../../shared/errors';
import type { Provider, UpstreamPackage, UpstreamPort } from '../providers/types';
import type { ProviderRegistry } from '../services/accounts/provider-registry';
import type { EventsService } from '../services/events/events-service';
import { crossings, factKeys } from '../services/events/fact-keys';
import type { EventDraft } from '../services/events/types';

/**
 * Confirms unsigned webhook hints with DOCUMENTED reads, after the hint was stored and
 * answered. Only what the read shows is recorded (as a poll observation under the usual
 * fact keys, so its effects are the poller's); the hint itself never changes the books.
 * A forged delivery can therefore cause a read and nothing else.
 *
 * Documented reads used: Proxies.sx `GET /v1/ports?page&limit` (upstream-facts.md; no
 * by-id read is documented, so the list is scanned) and Whozex `GET /packages/:id` (seed).
 * Anything else (balances, customers' quotas) has no documented read that confirms it:
 * the hint is recorded and nothing changes; the poller covers the account.
 *
 * One read at a time for the whole app; hints about the same resource waiting together
 * share one read; at most MAX_WAITING resources wait (a flood is recorded, not read: the
 * poller covers the account).
 */

const MAX_WAITING = 50;
/** Pages of 100 ports read to find one port (the documented list has no by-id read). */
const MAX_PORT_PAGES = 20;

export interface HintJob {
  accountId: string;
  /** Inbox id of the hint event. */
  hintId: string;
  event: string;
  subject: string | null;
}

export interface HintReaderDeps {
  sqlite: Database.Database;
  providers: ProviderRegistry;
  events: EventsService;
  log: Logger;
  clock: Clock;
}

interface LocalPort {
  status: string;
  expires_at: string | null;
}

interface LocalPackage {
  status: string;
  total_gb_milli: number | null;
  used_gb_milli: number | null;
}

type Outcome = { text: string; drafts: EventDraft[]; resets?: string[] };

export class HintReader {
  private readonly waiting = new Map<string, HintJob[]>();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: HintReaderDeps) {}

  enqueue(job: HintJob): void {
    const key = `${job.accountId}|${job.subject ?? job.hintId}`;
    const same = this.waiting.get(key);
    if (same) {
      same.push(job);
      return;
    }
    if (this.waiting.size >= MAX_WAITING) {
      this.note([job], 'Not read: too many unsigned hints are waiting. Nothing changed; the poller checks this account at its next run.');
      return;
    }
    this.waiting.set(key, [job]);
    this.chain = this.chain.then(() => this.run(key));
  }

  /** Resolves once every hint enqueued so far was read (tests, shutdown). */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
  }

  private async run(key: string): Promise<void> {
    const jobs = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    const first = jobs[0];
    if (!first) return;
    let outcome: Outcome;
    try {
      outcome = await this.read(first);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn('Reading the resource of an unsigned webhook hint failed', { accountId: first.accountId, error: message });
      outcome = { text: `The confirming read failed (${message}). Nothing changed; the poller checks this account at its next run.`, drafts: [] };
    }
    try {
      const recorded =
        outcome.drafts.length > 0 || (outcome.resets?.length ?? 0) > 0
          ? this.deps.events.ingest(outcome.drafts, { resets: outcome.resets ?? [] }).inserted.map((e) => e.type)
          : [];
      const text = outcome.drafts.length > 0 && recorded.length === 0 ? `${outcome.text} (already recorded)` : outcome.text;
      this.note(jobs, text);
    } catch (error) {
      this.deps.log.error('Recording what an unsigned hint read showed failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private note(jobs: HintJob[], text: string): void {
    const update = prepare(this.deps.sqlite, 'UPDATE event_inbox SET effects = ? WHERE id = ?');
    for (const job of jobs) update.run(JSON.stringify([text]), job.hintId);
  }

  private async read(job: HintJob): Promise<Outcome> {
    const provider = this.deps.providers.forAccount(job.accountId);
    const portId = job.subject?.startsWith('port:') ? job.subject.slice(5) : null;
    const packageId = job.subject?.startsWith('package:') ? job.subject.slice(8) : null;
    if (provider.kind === 'proxies-sx' && portId) return this.readPort(provider, job, portId);
    if (provider.kind === 'whozex' && packageId) return this.readPackage(provider, job, packageId);
    return {
      text: `No documented read confirms ${job.event}${job.subject ? ` for ${job.subject}` : ''}. Nothing changed; the poller checks this account at its next run.`,
      drafts: [],
    };
  }

  /** Whozex `GET /packages/:id` (seed): the same observations the poller makes of a package. */
  private async readPackage(provider: Provider, job: HintJob, packageId: string): Promise<Outcome> {
    const where = 'Read GET /packages/:id';
    let p: UpstreamPackage;
    try {
      p = await provider.getPackage(packageId);
    } catch (error) {
      // Whozex answers NOT_FOUND for "not yours" too.
      if (error instanceof AppError && error.code === 'NOT_FOUND') return { text: `${where}: package ${packageId} is not found upstream. Nothing changed.`, drafts: [] };
      throw error;
    }
    const acct = job.accountId;
    const local = prepare(
      this.deps.sqlite,
      "SELECT status, total_gb_milli, used_gb_milli FROM services WHERE provider_account_id = ? AND kind = 'package' AND upstream_id = ?",
    ).get(acct, packageId) as LocalPackage | undefined;
    const payload = {
      packageId,
      customerUpstreamId: p.customerId,
      totalGbMilli: p.totalGbMilli,
      usedGbMilli: p.usedGbMilli,
      remainingGbMilli: p.remainingGbMilli,
      status: p.status,
      proxyType: p.proxyType,
      expiresAt: p.expiresAt,
      confirmsHint: job.hintId,
    };
    const draft = (type: string, fact: EventDraft['fact']): EventDraft => ({
      source: 'poll',
      type,
      accountId: acct,
      subject: `package:${packageId}`,
      payload,
      raw: JSON.stringify({ read: 'GET /packages/:id', package: payload }),
      occurredAt: this.deps.clock.now().toISOString(),
      fact,
    });
    const drafts: EventDraft[] = [];
    const resets: string[] = [];
    // Whozex lists no packages: a confirmed package.created is how the app learns of one.
    if (!local) drafts.push(draft('package.created', { key: factKeys.packageCreated(acct, packageId) }));
    else {
      if (p.usedGbMilli !== local.used_gb_milli || p.totalGbMilli !== local.total_gb_milli) {
        drafts.push(draft('package.usage', { key: factKeys.packageUsage(acct, packageId, p.usedGbMilli, p.totalGbMilli) }));
      }
      const low = p.totalGbMilli > 0 && p.remainingGbMilli * 10 <= p.totalGbMilli && p.status === 'active';
      if (low) drafts.push(draft('package.low_gb', { crossing: crossings.packageLow(acct, packageId) }));
      else if (p.remainingGbMilli * 10 > p.totalGbMilli) resets.push(crossings.packageLow(acct, packageId));
      if (p.status === 'depleted' && local.status !== 'depleted') drafts.push(draft('package.depleted', { key: factKeys.packageDepleted(acct, packageId, p.totalGbMilli) }));
      if (p.status === 'expired' && local.status !== 'expired') drafts.push(draft('package.expired', { key: factKeys.packageExpired(acct, packageId) }));
    }
    const state = `package ${packageId} is ${p.status} upstream, ${p.usedGbMilli} of ${p.totalGbMilli} milli-GB used`;
    return drafts.length > 0
      ? { text: `${where}: ${state}; recorded ${drafts.map((d) => d.type).join(', ')}.`, drafts, resets }
      : { text: `${where}: ${state}. Nothing changed.`, drafts, resets };
  }

  private async readPort(provider: Provider, job: HintJob, portId: string): Promise<Outcome> {
    let found: UpstreamPort | null = null;
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PORT_PAGES && !found; page++) {
      const result = await provider.listPorts({ cursor, limit: 100 });
      found = result.items.find((p) => p.id === portId) ?? null;
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    const where = 'Read GET /v1/ports';
    if (!found) return { text: `${where}: port ${portId} is not in the upstream's list. Nothing changed.`, drafts: [] };
    const acct = job.accountId;
    const local = prepare(
      this.deps.sqlite,
      "SELECT status, expires_at FROM services WHERE provider_account_id = ? AND kind = 'port' AND upstream_id = ?",
    ).get(acct, portId) as LocalPort | undefined;
    const payload = {
      portId,
      customerUpstreamId: found.customerId,
      status: found.status,
      expiresAt: found.expiresAt,
      displayName: found.displayName,
      confirmsHint: job.hintId,
    };
    const draft = (type: string, key: string): EventDraft => ({
      source: 'poll',
      type,
      accountId: acct,
      subject: `port:${portId}`,
      payload,
      raw: JSON.stringify({ read: 'GET /v1/ports', port: found }),
      occurredAt: this.deps.clock.now().toISOString(),
      fact: { key },
    });
    const drafts: EventDraft[] = [];
    if (found.status === 'expired') {
      if (local?.status !== 'expired') drafts.push(draft('port.expired', factKeys.portExpired(acct, portId, found.expiresAt)));
    } else if (found.status === 'active') {
      if (job.event === 'port.created') drafts.push(draft('port.created', factKeys.portCreated(acct, portId)));
      if (local && local.expires_at !== null && found.expiresAt && local.expires_at !== found.expiresAt) {
        drafts.push(draft('port.extended', factKeys.portExtended(acct, portId, found.expiresAt)));
      }
    }
    const state = `port ${portId} is ${found.status} upstream${found.expiresAt ? ` (ends ${found.expiresAt})` : ''}`;
    return drafts.length > 0
      ? { text: `${where}: ${state}; recorded ${drafts.map((d) => d.type).join(', ')}.`, drafts }
      : { text: `${where}: ${state}. Nothing changed.`, drafts };
  }
}
