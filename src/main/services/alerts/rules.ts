import type Database from 'better-sqlite3';
import {
  ALERT_KINDS,
  DEFAULT_ALERT_PARAMS,
  RULE_SCOPES_BY_KIND,
  balanceLowParams,
  customerCreditLowParams,
  packageLowParams,
  proxyExpiringParams,
  type AlertKind,
  type AlertParamsByKind,
  type AlertRuleUpdate,
  type AlertRuleView,
  type RuleScope,
} from '../../../shared/contract/events';
import { AppError } from '../../../shared/errors';
import { prepare } from '../../ledger/sql';

/**
 * Alert rules: a default per kind (in code until edited) and overrides per upstream
 * account or customer. The most specific enabled-or-disabled rule wins:
 * customer → account → default.
 */

const SCHEMAS = {
  balance_low: balanceLowParams,
  customer_credit_low: customerCreditLowParams,
  package_low: packageLowParams,
  proxy_expiring: proxyExpiringParams,
} as const;

interface RuleRow {
  kind: AlertKind;
  scope: RuleScope;
  scope_id: string;
  enabled: number;
  params: string;
  updated_at: string;
}

export interface EffectiveRule<K extends AlertKind> {
  enabled: boolean;
  params: AlertParamsByKind[K];
}

/** Stored params merged over the defaults; a damaged row falls back to the defaults. */
function parseParams<K extends AlertKind>(kind: K, text: string): AlertParamsByKind[K] {
  const merged = { ...DEFAULT_ALERT_PARAMS[kind] } as Record<string, unknown>;
  try {
    Object.assign(merged, JSON.parse(text) as Record<string, unknown>);
  } catch {
    // defaults below
  }
  const parsed = SCHEMAS[kind].safeParse(merged);
  return (parsed.success ? parsed.data : DEFAULT_ALERT_PARAMS[kind]) as AlertParamsByKind[K];
}

/** All rules of the ledger, resolved per subject in memory (one read per evaluation). */
export class RuleBook {
  private readonly rows = new Map<string, RuleRow>();

  constructor(sqlite: Database.Database) {
    for (const row of prepare(sqlite, 'SELECT * FROM alert_rules').all() as RuleRow[]) {
      this.rows.set(`${row.kind}|${row.scope}|${row.scope_id}`, row);
    }
  }

  private row(kind: AlertKind, scope: RuleScope, scopeId: string): RuleRow | undefined {
    return this.rows.get(`${kind}|${scope}|${scopeId}`);
  }

  /** The rule for a subject: the customer's override, else the account's, else the default. */
  effective<K extends AlertKind>(kind: K, subject: { accountId?: string | null; customerId?: string | null } = {}): EffectiveRule<K> {
    const row =
      (subject.customerId ? this.row(kind, 'customer', subject.customerId) : undefined) ??
      (subject.accountId ? this.row(kind, 'account', subject.accountId) : undefined) ??
      this.row(kind, 'default', '');
    if (!row) return { enabled: true, params: DEFAULT_ALERT_PARAMS[kind] };
    return { enabled: row.enabled === 1, params: parseParams(kind, row.params) };
  }

  /**
   * The default rule (as it applies, stored or not) and every stored override of a kind:
   * the rules' widest windows let a condition be narrowed in SQL before the exact check.
   */
  scopes<K extends AlertKind>(kind: K): { scope: RuleScope; scopeId: string; rule: EffectiveRule<K> }[] {
    const out: { scope: RuleScope; scopeId: string; rule: EffectiveRule<K> }[] = [{ scope: 'default', scopeId: '', rule: this.effective(kind) }];
    for (const r of this.rows.values()) {
      if (r.kind !== kind || r.scope === 'default') continue;
      out.push({ scope: r.scope, scopeId: r.scope_id, rule: { enabled: r.enabled === 1, params: parseParams(kind, r.params) } });
    }
    return out;
  }

  views(names: (scope: RuleScope, id: string) => string | null): AlertRuleView[] {
    const out: AlertRuleView[] = [];
    for (const kind of ALERT_KINDS) {
      const def = this.row(kind, 'default', '');
      out.push(view(kind, 'default', '', def, null));
      const overrides = [...this.rows.values()].filter((r) => r.kind === kind && r.scope !== 'default');
      overrides.sort((a, b) => a.scope.localeCompare(b.scope) || a.updated_at.localeCompare(b.updated_at));
      for (const r of overrides) out.push(view(kind, r.scope, r.scope_id, r, names(r.scope, r.scope_id)));
    }
    return out;
  }
}

function view(kind: AlertKind, scope: RuleScope, scopeId: string, row: RuleRow | undefined, scopeName: string | null): AlertRuleView {
  return {
    kind,
    scope,
    scopeId: scope === 'default' ? null : scopeId,
    scopeName,
    enabled: row ? row.enabled === 1 : true,
    params: row ? parseParams(kind, row.params) : DEFAULT_ALERT_PARAMS[kind],
    stored: row !== undefined,
    updatedAt: row?.updated_at ?? null,
  } as AlertRuleView;
}

/**
 * Creates or changes one rule. An override starts from the rule it overrides (so
 * changing one field of a customer's rule keeps the rest of the default).
 */
export function updateRule(sqlite: Database.Database, input: AlertRuleUpdate, now: string): void {
  const { kind, scope } = input;
  if (!RULE_SCOPES_BY_KIND[kind].includes(scope)) {
    throw new AppError('INVALID_INPUT', `scope: a ${kind.replace(/_/g, ' ')} rule can be set ${RULE_SCOPES_BY_KIND[kind].join(' or ')}-wide only`, {
      field: 'scope',
    });
  }
  const scopeId = scope === 'default' ? '' : (input.scopeId ?? '');
  if (scope !== 'default') {
    if (!scopeId) throw new AppError('INVALID_INPUT', `scopeId: say which ${scope} this rule is for`, { field: 'scopeId' });
    const table = scope === 'account' ? 'provider_accounts' : 'customers';
    if (!prepare(sqlite, `SELECT 1 FROM ${table} WHERE id = ?`).get(scopeId)) {
      throw new AppError('NOT_FOUND', `That ${scope === 'account' ? 'upstream account' : 'customer'} does not exist.`, { field: 'scopeId' });
    }
  }
  sqlite.transaction(() => {
    if (input.reset) {
      prepare(sqlite, 'DELETE FROM alert_rules WHERE kind = ? AND scope = ? AND scope_id = ?').run(kind, scope, scopeId);
      return;
    }
    const book = new RuleBook(sqlite);
    const base =
      scope === 'customer'
        ? book.effective(kind, { customerId: scopeId })
        : scope === 'account'
          ? book.effective(kind, { accountId: scopeId })
          : book.effective(kind);
    const merged = { ...base.params, ...(input.params ?? {}) };
    const parsed = SCHEMAS[kind].safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue ? ['params', ...issue.path.map(String)].join('.') : 'params';
      throw new AppError('INVALID_INPUT', `${field}: ${issue?.message ?? 'is invalid'}`, { field });
    }
    prepare(
      sqlite,
      `INSERT INTO alert_rules (kind, scope, scope_id, enabled, params, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, scope, scope_id) DO UPDATE SET enabled = excluded.enabled, params = excluded.params, updated_at = excluded.updated_at`,
    ).run(kind, scope, scopeId, (input.enabled ?? base.enabled) ? 1 : 0, JSON.stringify(parsed.data), now);
  })();
}
