import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import { prepare } from '../../ledger/sql';
import type { Provider, UpstreamPackage, UpstreamPort } from '../../providers/types';
import { RuleBook } from '../alerts/rules';
import { crossings, factKeys } from '../events/fact-keys';
import type { CrossingReset, EventDraft } from '../events/types';

/**
 * One look at one upstream account: its balance, its ports' end dates and statuses, its
 * packages' usage. Every change becomes the same normalized event a webhook would have
 * produced (same type, same fact key), so the inbox keeps one event per fact whichever
 * came first. Reads only; the caller ingests the drafts.
 *
 * Budget: at most `maxRequests` upstream calls per look (the adapter's own token bucket
 * paces them); packages are visited round-robin from a saved cursor so a large account is
 * covered over several looks.
 */

/** The upstream's own notice window for port.expiring (Proxies.sx: 3 days). */
export const EXPIRING_NOTICE_MS = 3 * 86_400_000;

export interface PollInput {
  sqlite: Database.Database;
  clock: Clock;
  provider: Provider;
  accountId: string;
  maxRequests: number;
  signal?: AbortSignal | undefined;
}

export interface PollOutput {
  drafts: EventDraft[];
  resets: CrossingReset[];
  requests: number;
  packageCursor: string | null;
  /** Parts skipped because the budget ran out. */
  truncated: boolean;
}

interface LocalService {
  upstream_id: string;
  status: string;
  expires_at: string | null;
  total_gb_milli: number | null;
  used_gb_milli: number | null;
}

class Budget {
  used = 0;
  constructor(private readonly max: number) {}
  take(): boolean {
    if (this.used >= this.max) return false;
    this.used++;
    return true;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof AppError && error.code === 'NOT_FOUND';
}

export async function pollAccount(input: PollInput): Promise<PollOutput> {
  const { sqlite, provider, accountId: acct } = input;
  const budget = new Budget(input.maxRequests);
  const read = input.signal ? { signal: input.signal } : {};
  const out: PollOutput = { drafts: [], resets: [], requests: 0, packageCursor: null, truncated: false };
  const observedAt = () => input.clock.now().toISOString();
  const draft = (type: string, subject: string, payload: Record<string, unknown>, fact: EventDraft['fact']): EventDraft => ({
    source: 'poll',
    type,
    accountId: acct,
    subject,
    payload,
    raw: JSON.stringify({ observed: payload, at: observedAt() }),
    occurredAt: observedAt(),
    fact,
  });

  // ---- balance
  // An upstream that does not report its balance (Proxies.sx without the assumed route):
  // the books are the source, so there is nothing to observe.
  if (provider.capabilities.balanceReport !== false && budget.take()) {
    const account = await provider.getAccount(read);
    const balance = account.balance;
    const previous = prepare(sqlite, 'SELECT balance FROM upstream_observations WHERE account_id = ?').pluck().get(acct) as number | null | undefined;
    if (previous !== balance) {
      out.drafts.push(
        draft('balance.changed', `account:${acct}`, { balance, previousBalance: previous ?? null }, { key: factKeys.balanceChanged(acct, observedAt()) }),
      );
    }
    // "Low" as the app's balance rule for this account defines it (default $50, the same
    // threshold as Proxies.sx's balance.low), so a webhook and a poll meet on one crossing.
    const threshold = new RuleBook(sqlite).effective('balance_low', { accountId: acct }).params.belowAmount;
    if (balance < threshold) {
      out.drafts.push(draft('balance.low', `account:${acct}`, { balance, threshold }, { crossing: crossings.balanceLow(acct) }));
    } else {
      out.resets.push(crossings.balanceLow(acct));
    }
  } else if (provider.capabilities.balanceReport !== false) out.truncated = true;

  if (provider.capabilities.ports) await pollPorts(input, budget, out, draft);
  if (provider.capabilities.packages) await pollPackages(input, budget, out, draft);
  out.requests = budget.used;
  return out;
}

type Draft = (type: string, subject: string, payload: Record<string, unknown>, fact: EventDraft['fact']) => EventDraft;

function portPayload(p: UpstreamPort): Record<string, unknown> {
  return { portId: p.id, customerUpstreamId: p.customerId, status: p.status, expiresAt: p.expiresAt, displayName: p.displayName };
}

async function pollPorts(input: PollInput, budget: Budget, out: PollOutput, draft: Draft): Promise<void> {
  const { sqlite, provider, accountId: acct } = input;
  const read = input.signal ? { signal: input.signal } : {};
  const now = input.clock.now().getTime();
  const local = new Map(
    (
      prepare(
        sqlite,
        "SELECT upstream_id, status, expires_at, total_gb_milli, used_gb_milli FROM services WHERE provider_account_id = ? AND kind = 'port'",
      ).all(acct) as LocalService[]
    ).map((s) => [s.upstream_id, s]),
  );
  const seenActive = new Set<string>();
  let cursor: string | null = null;
  let complete = false;
  for (;;) {
    if (!budget.take()) {
      out.truncated = true;
      break;
    }
    const page = await provider.listPorts({ status: 'active', limit: 100, cursor }, read);
    for (const p of page.items) {
      seenActive.add(p.id);
      observePort(acct, p, local.get(p.id), now, out, draft);
    }
    if (page.nextCursor === null) {
      complete = true;
      break;
    }
    cursor = page.nextCursor;
  }
  if (!complete) return;
  // Active here but no longer in the upstream's active list: ask what became of each.
  for (const s of local.values()) {
    if (s.status !== 'active' || seenActive.has(s.upstream_id)) continue;
    if (!budget.take()) {
      out.truncated = true;
      return;
    }
    try {
      observePort(acct, await provider.getPort(s.upstream_id, read), s, now, out, draft);
    } catch (error) {
      // Gone upstream: the sync records it as missing; nothing to say here.
      if (!isNotFound(error)) throw error;
    }
  }
}

function observePort(acct: string, p: UpstreamPort, local: LocalService | undefined, now: number, out: PollOutput, draft: Draft): void {
  const subject = `port:${p.id}`;
  if (p.status === 'expired') {
    if (local?.status !== 'expired') out.drafts.push(draft('port.expired', subject, portPayload(p), { key: factKeys.portExpired(acct, p.id, p.expiresAt) }));
    return;
  }
  if (p.status !== 'active' || !p.expiresAt) return;
  if (local && local.expires_at !== null && local.expires_at !== p.expiresAt) {
    out.drafts.push(draft('port.extended', subject, portPayload(p), { key: factKeys.portExtended(acct, p.id, p.expiresAt) }));
  }
  const msLeft = Date.parse(p.expiresAt) - now;
  if (msLeft > 0 && msLeft <= EXPIRING_NOTICE_MS) {
    out.drafts.push(
      draft('port.expiring', subject, { ...portPayload(p), hoursLeft: Math.floor(msLeft / 3_600_000) }, { key: factKeys.portExpiring(acct, p.id, p.expiresAt) }),
    );
  }
}

function packagePayload(p: UpstreamPackage): Record<string, unknown> {
  return {
    packageId: p.id,
    customerUpstreamId: p.customerId,
    totalGbMilli: p.totalGbMilli,
    usedGbMilli: p.usedGbMilli,
    remainingGbMilli: p.remainingGbMilli,
    status: p.status,
  };
}

async function pollPackages(input: PollInput, budget: Budget, out: PollOutput, draft: Draft): Promise<void> {
  const { sqlite, provider, accountId: acct } = input;
  const read = input.signal ? { signal: input.signal } : {};
  const all = prepare(
    sqlite,
    `SELECT upstream_id, status, expires_at, total_gb_milli, used_gb_milli FROM services
     WHERE provider_account_id = ? AND kind = 'package' AND status NOT IN ('expired', 'missing_upstream') ORDER BY upstream_id`,
  ).all(acct) as LocalService[];
  if (all.length === 0) return;
  const saved = prepare(sqlite, 'SELECT package_cursor FROM poll_state WHERE account_id = ?').pluck().get(acct) as string | null | undefined;
  // Unchanged unless a package is visited (a budget spent on ports keeps the rotation's place).
  out.packageCursor = saved ?? null;
  // Round-robin: continue after the last package visited, wrapping around once.
  const start = saved ? all.findIndex((s) => s.upstream_id > saved) : 0;
  const ordered = start <= 0 ? all : [...all.slice(start), ...all.slice(0, start)];
  for (const s of ordered) {
    if (!budget.take()) {
      out.truncated = true;
      return;
    }
    out.packageCursor = s.upstream_id;
    let p: UpstreamPackage;
    try {
      p = await provider.getPackage(s.upstream_id, read);
    } catch (error) {
      if (isNotFound(error)) continue;
      throw error;
    }
    observePackage(acct, p, s, out, draft);
  }
  out.packageCursor = null; // a full round: start from the beginning next time
}

function observePackage(acct: string, p: UpstreamPackage, local: LocalService, out: PollOutput, draft: Draft): void {
  const subject = `package:${p.id}`;
  const payload = packagePayload(p);
  if (p.usedGbMilli !== local.used_gb_milli || p.totalGbMilli !== local.total_gb_milli) {
    out.drafts.push(draft('package.usage', subject, payload, { key: factKeys.packageUsage(acct, p.id, p.usedGbMilli, p.totalGbMilli) }));
  }
  // Whozex's low_gb: remaining ≤ 10 % of the total, once per crossing.
  const low = p.totalGbMilli > 0 && p.remainingGbMilli * 10 <= p.totalGbMilli && p.status === 'active';
  if (low) out.drafts.push(draft('package.low_gb', subject, payload, { crossing: crossings.packageLow(acct, p.id) }));
  else if (p.remainingGbMilli * 10 > p.totalGbMilli) out.resets.push(crossings.packageLow(acct, p.id));
  if (p.status === 'depleted' && local.status !== 'depleted') {
    out.drafts.push(draft('package.depleted', subject, payload, { key: factKeys.packageDepleted(acct, p.id, p.totalGbMilli) }));
  }
  if (p.status === 'expired' && local.status !== 'expired') {
    out.drafts.push(draft('package.expired', subject, payload, { key: factKeys.packageExpired(acct, p.id) }));
  }
}
