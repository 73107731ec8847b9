import { randomUUID } from 'node:crypto';
import type { AlertKind, AlertRuleUpdate, AlertRuleView, AlertStatus, AlertView } from '../../../shared/contract/events';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import type { AlertsTable } from '../../ledger/schema';
import { prepare } from '../../ledger/sql';
import { currentCandidates, type Candidate } from './conditions';
import { RuleBook, updateRule } from './rules';

/**
 * Alert rules evaluated with hysteresis: an alert is raised once when its condition
 * becomes true for a subject, stays (open, or acknowledged) while it is true — only its
 * text follows the numbers — and is cleared when the condition is false. The next time
 * it becomes true is a new alert. State: the `alerts` table (one active row per rule
 * kind and subject, enforced by a unique index).
 */

export interface EvaluationResult {
  raised: AlertView[];
  cleared: AlertView[];
}

export interface AlertsService {
  /** Runs the rules now (tests, `poller:run-now`, start-up); cancels a pending coalesced run. */
  evaluate(): EvaluationResult;
  /**
   * Asks for an evaluation soon: many requests within the coalescing window (default
   * 1 s) make one run, off the caller's path (the inbox calls this after new events).
   * After a slow run the next one waits nine times as long (the rules take at most about
   * a tenth of the main thread).
   */
  requestEvaluation(): void;
  /** Runs a requested evaluation now, if one is pending (null when none was). */
  flush(): EvaluationResult | null;
  /** How many times the rules have run (diagnostics; lets tests count coalescing). */
  readonly evaluations: number;
  /** Cancels a pending evaluation (ctx.close()). */
  stop(): void;
  list(filter?: { status?: 'active' | AlertStatus | 'all' | undefined; limit?: number | undefined }): AlertView[];
  acknowledge(id: string): AlertView;
  rules(): AlertRuleView[];
  updateRule(input: AlertRuleUpdate): AlertRuleView[];
}

type Row = AlertsTable;

export function alertView(row: Row): AlertView {
  return {
    id: row.id,
    kind: row.kind as AlertKind,
    subjectKey: row.subject_key,
    accountId: row.account_id,
    customerId: row.customer_id,
    serviceId: row.service_id,
    title: row.title,
    body: row.body,
    page: row.page,
    status: row.status,
    raisedAt: row.raised_at,
    acknowledgedAt: row.acknowledged_at,
    clearedAt: row.cleared_at,
    details: JSON.parse(row.details) as AlertView['details'],
  };
}

export function createAlertsService(deps: {
  ledger: Ledger;
  clock: Clock;
  bus: EventBus;
  /** Coalescing window of `requestEvaluation` (ms, default 1000). */
  coalesceMs?: number;
  /** Where a background evaluation's failure goes. */
  onBackgroundError?: (error: unknown) => void;
}): AlertsService {
  const { sqlite } = deps.ledger;
  const coalesceMs = deps.coalesceMs ?? 1000;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let evaluations = 0;
  // Monotonic end and duration of the last run: background runs keep the rules to about a
  // tenth of the main thread (at 100,000 customers one run takes seconds, and webhooks,
  // IPC and the renderer's answers wait while it runs).
  let lastEnd = 0;
  let lastMs = 0;
  const get = (id: string) => prepare(sqlite, 'SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;

  function cancelPending(): void {
    if (pending !== null) clearTimeout(pending);
    pending = null;
  }

  function evaluate(): EvaluationResult {
    // This run sees every change made so far: a requested one is no longer needed.
    cancelPending();
    evaluations += 1;
    const started = performance.now();
    try {
      return runRules();
    } finally {
      lastEnd = performance.now();
      lastMs = lastEnd - started;
    }
  }

  function runRules(): EvaluationResult {
    const now = deps.clock.now();
    const at = now.toISOString();
    const raisedIds: string[] = [];
    const clearedIds: string[] = [];
    sqlite.transaction(() => {
      const candidates = currentCandidates(sqlite, new RuleBook(sqlite), now);
      const active = prepare(sqlite, "SELECT * FROM alerts WHERE status != 'cleared'").all() as Row[];
      const byKey = new Map(active.map((r) => [`${r.kind}|${r.subject_key}`, r]));
      const seen = new Set<string>();
      for (const c of candidates) {
        const key = `${c.kind}|${c.subjectKey}`;
        seen.add(key);
        const existing = byKey.get(key);
        if (existing) {
          refresh(existing, c);
          continue;
        }
        const id = randomUUID();
        prepare(
          sqlite,
          `INSERT INTO alerts (id, kind, subject_key, account_id, customer_id, service_id, title, body, page, details, status, raised_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
        ).run(id, c.kind, c.subjectKey, c.accountId, c.customerId, c.serviceId, c.title, c.body, c.page, JSON.stringify(c.details), at);
        raisedIds.push(id);
      }
      for (const row of active) {
        if (seen.has(`${row.kind}|${row.subject_key}`)) continue;
        prepare(sqlite, "UPDATE alerts SET status = 'cleared', cleared_at = ? WHERE id = ?").run(at, row.id);
        clearedIds.push(row.id);
      }
    })();
    const raised = raisedIds.map((id) => alertView(get(id)!));
    const cleared = clearedIds.map((id) => alertView(get(id)!));
    for (const a of raised) deps.bus.emit('event:alert-raised', a);
    for (const a of cleared) deps.bus.emit('event:alert-cleared', a);
    return { raised, cleared };
  }

  /** The numbers move while the condition holds: the text follows, nothing fires. */
  function refresh(row: Row, c: Candidate): void {
    const details = JSON.stringify(c.details);
    if (row.title === c.title && row.body === c.body && row.details === details) return;
    prepare(sqlite, 'UPDATE alerts SET title = ?, body = ?, details = ?, page = ? WHERE id = ?').run(c.title, c.body, details, c.page, row.id);
  }

  function names(scope: string, id: string): string | null {
    const sql = scope === 'account' ? 'SELECT name FROM provider_accounts WHERE id = ?' : 'SELECT name FROM customers WHERE id = ?';
    return (prepare(sqlite, sql).pluck().get(id) as string | undefined) ?? null;
  }

  return {
    evaluate,
    requestEvaluation() {
      if (pending !== null) return;
      const idleFor = Math.max(0, lastEnd + lastMs * 9 - performance.now());
      pending = setTimeout(() => {
        pending = null;
        try {
          evaluate();
        } catch (error) {
          deps.onBackgroundError?.(error);
        }
      }, Math.max(coalesceMs, idleFor));
      // A pending evaluation never keeps the process alive.
      pending.unref?.();
    },
    flush: () => (pending === null ? null : evaluate()),
    get evaluations() {
      return evaluations;
    },
    stop: cancelPending,
    list(filter = {}) {
      const status = filter.status ?? 'active';
      const where =
        status === 'all' ? '' : status === 'active' ? "WHERE status != 'cleared'" : `WHERE status = '${status === 'open' ? 'open' : status === 'acknowledged' ? 'acknowledged' : 'cleared'}'`;
      const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
      const rows = prepare(sqlite, `SELECT * FROM alerts ${where} ORDER BY raised_at DESC, rowid DESC LIMIT ${limit}`).all() as Row[];
      return rows.map(alertView);
    },
    acknowledge(id) {
      const row = get(id);
      if (!row) throw new AppError('NOT_FOUND', 'That alert does not exist. Refresh the list of alerts.');
      if (row.status === 'open') {
        prepare(sqlite, "UPDATE alerts SET status = 'acknowledged', acknowledged_at = ? WHERE id = ? AND status = 'open'").run(
          deps.clock.now().toISOString(),
          id,
        );
      }
      return alertView(get(id)!);
    },
    rules: () => new RuleBook(sqlite).views(names),
    updateRule(input) {
      updateRule(sqlite, input, deps.clock.now().toISOString());
      evaluate();
      return new RuleBook(sqlite).views(names);
    },
  };
}
