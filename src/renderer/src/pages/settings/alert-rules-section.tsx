import { useState } from 'react';
import type { AlertKind, AlertRuleView } from '../../../../shared/contract/events';
import { decimalToMinor, formatMoney, minorToDecimal } from '../../../../shared/money';
import { call } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { useUi } from '../../state/ui-store';

const TITLE: Record<AlertKind, string> = {
  balance_low: 'Upstream balance low',
  customer_credit_low: 'Customer credit low',
  package_low: 'Package running out',
  proxy_expiring: 'Proxy expiring',
};

/** The default alert rules (overrides per account or customer are kept by main and listed as such). */
export function AlertRulesSection() {
  const rules = useQuery('alert-rules', () => call('alert-rules:list'));
  const defaults = rules.data?.filter((r) => r.scope === 'default') ?? [];
  const overrides = rules.data?.filter((r) => r.scope !== 'default') ?? [];
  return (
    <section className="card" aria-labelledby="alert-rules-h">
      <h2 id="alert-rules-h">Alert defaults</h2>
      <Loading active={rules.loading && !rules.data} />
      {rules.error && <ErrorMessage onRetry={rules.reload}>{rules.error}</ErrorMessage>}
      {defaults.map((r) => (
        <RuleEditor key={r.kind} rule={r} onSaved={rules.reload} />
      ))}
      {overrides.length > 0 && (
        <p className="muted small">
          {overrides.length} override{overrides.length === 1 ? '' : 's'} for single accounts or customers: {overrides.map((o) => `${TITLE[o.kind]} (${o.scopeName ?? o.scopeId})`).join(', ')}.
        </p>
      )}
    </section>
  );
}

function moneyText(minor: number): string {
  return minorToDecimal(minor);
}

/** Draft fields as text; turned into the rule's params (cents, days) for main to check. */
function RuleEditor({ rule, onSaved }: { rule: AlertRuleView; onSaved(): void }) {
  const notify = useUi((s) => s.notify);
  const initial: Record<string, string> = {};
  if (rule.kind === 'balance_low') Object.assign(initial, { belowAmount: moneyText(rule.params.belowAmount), runwayDays: rule.params.runwayDays?.toString() ?? '', burnWindowDays: String(rule.params.burnWindowDays) });
  if (rule.kind === 'customer_credit_low') initial.belowAmount = moneyText(rule.params.belowAmount);
  if (rule.kind === 'package_low') initial.belowPercent = rule.params.belowPercent?.toString() ?? '';
  if (rule.kind === 'proxy_expiring') initial.withinDays = String(rule.params.withinDays);
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const fields = draft ?? initial;
  const set = (k: string, v: string) => setDraft({ ...fields, [k]: v });
  const save = useAction(async (enabled: boolean) => {
    const num = (t: string | undefined) => (t === undefined || t.trim() === '' ? null : Number(t));
    const cents = (t: string | undefined) => decimalToMinor((t ?? '').trim().replace(/^\$/, '') || 'x');
    let update;
    if (rule.kind === 'balance_low') update = { kind: rule.kind, scope: 'default' as const, enabled, params: { belowAmount: cents(fields.belowAmount), runwayDays: num(fields.runwayDays), burnWindowDays: Number(fields.burnWindowDays) as 7 | 30 } };
    else if (rule.kind === 'customer_credit_low') update = { kind: rule.kind, scope: 'default' as const, enabled, params: { belowAmount: cents(fields.belowAmount) } };
    else if (rule.kind === 'package_low') update = { kind: rule.kind, scope: 'default' as const, enabled, params: { belowPercent: num(fields.belowPercent) } };
    else update = { kind: rule.kind, scope: 'default' as const, enabled, params: { withinDays: Number(fields.withinDays) } };
    await call('alert-rules:update', update);
    setDraft(null);
    notify('success', `${TITLE[rule.kind]}: saved.`);
    onSaved();
  });
  const id = (k: string) => `rule-${rule.kind}-${k}`;
  return (
    <div className="rule" role="group" aria-label={TITLE[rule.kind]}>
      <label className="check rule-title">
        <input type="checkbox" checked={rule.enabled} disabled={save.busy} onChange={(e) => void save.run(e.target.checked)} />
        <strong>{TITLE[rule.kind]}</strong>
      </label>
      <div className="rule-fields">
        {'belowAmount' in fields && (
          <label htmlFor={id('belowAmount')}>
            below $<input id={id('belowAmount')} className="tiny" type="text" inputMode="decimal" value={fields.belowAmount} onChange={(e) => set('belowAmount', e.target.value)} />
          </label>
        )}
        {'runwayDays' in fields && (
          <label htmlFor={id('runwayDays')}>
            or fewer than <input id={id('runwayDays')} className="tiny" type="number" value={fields.runwayDays} onChange={(e) => set('runwayDays', e.target.value)} /> days left
          </label>
        )}
        {'burnWindowDays' in fields && (
          <label htmlFor={id('burnWindowDays')}>
            at the burn of the last{' '}
            <select id={id('burnWindowDays')} className="auto-width" value={fields.burnWindowDays} onChange={(e) => set('burnWindowDays', e.target.value)}>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
            </select>
          </label>
        )}
        {'belowPercent' in fields && (
          <label htmlFor={id('belowPercent')}>
            at or below <input id={id('belowPercent')} className="tiny" type="number" value={fields.belowPercent} onChange={(e) => set('belowPercent', e.target.value)} /> % left
          </label>
        )}
        {'withinDays' in fields && (
          <label htmlFor={id('withinDays')}>
            within <input id={id('withinDays')} className="tiny" type="number" value={fields.withinDays} onChange={(e) => set('withinDays', e.target.value)} /> days
          </label>
        )}
        {draft && (
          <Button small variant="primary" busy={save.busy} onClick={() => void save.run(rule.enabled)}>
            Save
          </Button>
        )}
      </div>
      {save.error && <ErrorMessage>{save.error.includes('is not a decimal') ? 'Enter an amount such as 50 or 50.00.' : save.error}</ErrorMessage>}
      {rule.kind === 'balance_low' && !draft && <span className="muted small">Now: below {formatMoney(rule.params.belowAmount)}</span>}
    </div>
  );
}
