import Database from 'better-sqlite3';
import type { RunningSandbox } from '../../src/main/sandbox';
import { ledgerPath } from '../../src/main/data-dir';
import { accountBalance, ledgerAccounts as A } from '../../src/main/ledger/journal';

/** What existed upstream and locally before the soak (seed data is not the soak's business). */
export interface UpstreamSnapshot {
  ports: Set<string>;
  packages: Set<string>;
  localServices: Set<string>;
  psxTxSeq: number;
  wzxTxSeq: number;
  rotations: number;
}

export interface SoakVerdict {
  integrityCheck: string;
  foreignKeyProblems: number;
  postingsSum: number;
  pendingOperations: number;
  /** Upstream balance minus ledger balance, per account and per customer sub-balance (all 0). */
  balanceDifferences: { account: string; upstream: number; ledger: number }[];
  /** Ports/packages that exist upstream with no local record (sold but not booked). */
  orphanProxies: string[];
  orphanPackages: string[];
  /** Local records with nothing upstream (booked but never bought). */
  phantomServices: string[];
  /** Upstream charges/changes minus completed local operations, per kind (all 0). */
  chargeMismatches: { kind: string; upstream: number; local: number }[];
  doubleCharges: number;
  /** Free IP rotations: upstream may exceed booked (a lost answer resent), never the reverse. */
  rotations: { upstream: number; booked: number };
  /** Completed operations per kind (what the soak actually did upstream). */
  completedOperations: Record<string, number>;
  failedOperations: number;
  ok: boolean;
}

const openLedger = (dataDir: string) => new Database(ledgerPath(dataDir));

export function snapshotUpstream(sandbox: RunningSandbox, dataDir: string): UpstreamSnapshot {
  const db = openLedger(dataDir);
  try {
    return {
      ports: new Set(sandbox.proxiesSx.db.prepare('SELECT id FROM psx_ports').pluck().all() as string[]),
      packages: new Set(sandbox.whozex.db.prepare('SELECT id FROM wzx_packages').pluck().all() as string[]),
      localServices: new Set(db.prepare('SELECT id FROM services').pluck().all() as string[]),
      psxTxSeq: (sandbox.proxiesSx.db.prepare('SELECT coalesce(max(seq), 0) FROM psx_transactions').pluck().get() as number) ?? 0,
      wzxTxSeq: (sandbox.whozex.db.prepare('SELECT coalesce(max(seq), 0) FROM wzx_transactions').pluck().get() as number) ?? 0,
      rotations: (sandbox.proxiesSx.db.prepare('SELECT coalesce(sum(rotation_count), 0) FROM psx_ports').pluck().get() as number) ?? 0,
    };
  } finally {
    db.close();
  }
}

export function verifySoak(sandbox: RunningSandbox, dataDir: string, before: UpstreamSnapshot, accounts: { psx: string; wzx: string }): SoakVerdict {
  const db = openLedger(dataDir);
  try {
    const psxDb = sandbox.proxiesSx.db;
    const wzxDb = sandbox.whozex.db;
    const count = (q: string, ...p: unknown[]) => (db.prepare(q).pluck().get(...p) as number) ?? 0;

    // The ledger equals the upstream: reseller balances and each soak customer's sub-balance.
    const balanceDifferences: SoakVerdict['balanceDifferences'] = [];
    const compare = (account: string, upstream: number, ledger: number) => {
      if (upstream !== ledger) balanceDifferences.push({ account, upstream, ledger });
    };
    compare(A.upstream(accounts.psx), psxDb.prepare('SELECT balance_cents FROM psx_resellers LIMIT 1').pluck().get() as number, accountBalance(db, A.upstream(accounts.psx)));
    compare(A.upstream(accounts.wzx), wzxDb.prepare('SELECT balance_cents FROM wzx_resellers LIMIT 1').pluck().get() as number, accountBalance(db, A.upstream(accounts.wzx)));
    const links = db.prepare("SELECT l.customer_id AS customer, l.account_id AS account, l.upstream_id AS upstream FROM customer_links l JOIN customers c ON c.id = l.customer_id WHERE c.email LIKE 'soak-%'").all() as { customer: string; account: string; upstream: string }[];
    for (const link of links) {
      const up =
        link.account === accounts.psx
          ? (psxDb.prepare('SELECT balance_cents FROM psx_customers WHERE id = ?').pluck().get(link.upstream) as number | undefined)
          : (wzxDb.prepare('SELECT balance_cents FROM wzx_users WHERE id = ?').pluck().get(link.upstream) as number | undefined);
      compare(A.upstreamSub(link.account, link.customer), up ?? Number.NaN, accountBalance(db, A.upstreamSub(link.account, link.customer)));
    }

    // Every port/package bought upstream during the soak is booked locally, and vice versa.
    const upPorts = (psxDb.prepare('SELECT id FROM psx_ports').pluck().all() as string[]).filter((id) => !before.ports.has(id));
    const upPackages = (wzxDb.prepare('SELECT id FROM wzx_packages').pluck().all() as string[]).filter((id) => !before.packages.has(id));
    const localNew = (db.prepare('SELECT id, kind, upstream_id AS upstream FROM services').all() as { id: string; kind: string; upstream: string }[]).filter((s) => !before.localServices.has(s.id));
    const localPorts = new Set(localNew.filter((s) => s.kind === 'port').map((s) => s.upstream));
    const localPackages = new Set(localNew.filter((s) => s.kind === 'package').map((s) => s.upstream));
    const orphanProxies = upPorts.filter((id) => !localPorts.has(id));
    const orphanPackages = upPackages.filter((id) => !localPackages.has(id));
    const upAll = new Set([...upPorts, ...upPackages]);
    const phantomServices = localNew.filter((s) => !upAll.has(s.upstream)).map((s) => `${s.kind}:${s.upstream}`);

    // Each upstream charge matches exactly one completed operation.
    const byKey = Object.fromEntries(
      (db.prepare("SELECT kind || '@' || provider_account_id AS k, count(*) AS n FROM operations WHERE status = 'completed' GROUP BY 1").all() as { k: string; n: number }[]).map((r) => [r.k, r.n]),
    ) as Record<string, number>;
    const local = (kind: string, account: string) => byKey[`${kind}@${account}`] ?? 0;
    const names = { [accounts.psx]: 'Proxies.sx', [accounts.wzx]: 'Whozex' };
    const completed = Object.fromEntries(Object.entries(byKey).map(([k, n]) => { const [kind, account] = k.split('@'); return [`${kind} (${names[account!] ?? account})`, n]; }));
    const psxTx = (type: string) => psxDb.prepare('SELECT count(*) FROM psx_transactions WHERE seq > ? AND type = ?').pluck().get(before.psxTxSeq, type) as number;
    const wzxTx = (type: string) => wzxDb.prepare('SELECT count(*) FROM wzx_transactions WHERE seq > ? AND type = ?').pluck().get(before.wzxTxSeq, type) as number;
    const rotations = (psxDb.prepare('SELECT coalesce(sum(rotation_count), 0) FROM psx_ports').pluck().get() as number) - before.rotations;
    const pairs: { kind: string; upstream: number; local: number }[] = [
      { kind: 'port purchase', upstream: psxTx('port_purchase'), local: local('port.create', accounts.psx) },
      { kind: 'port extension', upstream: psxTx('port_extend'), local: local('port.extend', accounts.psx) },
      { kind: 'package purchase', upstream: wzxTx('purchase'), local: local('package.create', accounts.wzx) },
      { kind: 'package add-GB', upstream: wzxTx('add_gb'), local: local('package.add-gb', accounts.wzx) },
      { kind: 'Whozex sub-balance top-up', upstream: wzxTx('balance_add'), local: local('balance.top-up', accounts.wzx) },
      { kind: 'Whozex sub-balance deduction', upstream: wzxTx('balance_deduct'), local: local('balance.deduct', accounts.wzx) },
    ];
    // A rotation costs nothing and no documented read tells whether a lost one happened, so
    // the app resends it (the IP may change twice): never a charge, but every booked rotation
    // must have happened upstream.
    const rotationsBooked = local('port.rotate', accounts.psx);
    const chargeMismatches = pairs.filter((p) => p.upstream !== p.local);
    const doubleCharges = pairs.reduce((s, p) => s + Math.max(0, p.upstream - p.local), 0);

    const verdict: SoakVerdict = {
      integrityCheck: String(db.pragma('integrity_check', { simple: true })),
      foreignKeyProblems: (db.pragma('foreign_key_check') as unknown[]).length,
      postingsSum: count('SELECT coalesce(sum(amount), 0) FROM postings'),
      pendingOperations: count("SELECT count(*) FROM operations WHERE status = 'pending'"),
      balanceDifferences,
      orphanProxies,
      orphanPackages,
      phantomServices,
      chargeMismatches,
      doubleCharges,
      rotations: { upstream: rotations, booked: rotationsBooked },
      completedOperations: completed,
      failedOperations: count("SELECT count(*) FROM operations WHERE status = 'failed'"),
      ok: false,
    };
    verdict.ok =
      verdict.integrityCheck === 'ok' &&
      verdict.foreignKeyProblems === 0 &&
      verdict.postingsSum === 0 &&
      verdict.pendingOperations === 0 &&
      balanceDifferences.length === 0 &&
      orphanProxies.length === 0 &&
      orphanPackages.length === 0 &&
      phantomServices.length === 0 &&
      chargeMismatches.length === 0 &&
      rotations >= rotationsBooked;
    return verdict;
  } finally {
    db.close();
  }
}
