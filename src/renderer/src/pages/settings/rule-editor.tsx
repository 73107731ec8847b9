import { useState } from 'react';
import type { Input } from '../../../../shared/contract';
import type { AlertKind, AlertRuleView, RuleScope } from '../../../../shared/contract/events';
import { decimalToMinor, formatMoney, minorToDecimal } from '../../../../shared/money';
import { call } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button, ErrorMessage } from '../../components/ui';
import { useUi } from '../../state/ui-store';

export const RULE_TITLE: Record<AlertKind, string> = {
  balance_low: 'Upstream balance low',
  customer_credit_low: 'Customer credit low',
  package_low: 'Package running out',
  proxy_expiring: 'Proxy expiring',
};

/** One line a reseller reads: what the rule watches for. */
export function ruleSummary(rule: AlertRuleView): string {
  if (!rule.enabled) return 'Off';
  switch (rule.kind) {
    case 'balance_low':
      return `Below ${formatMoney(rule.params.belowAmount)}${rule.params.runwayDays !== null ? ` or fewer than ${rule.params.runwayDays} days left` : ''}`;
    case 'customer_credit_low':
      return `Below ${formatMoney(rule.params.belowAmount)}`;
    case 'package_low':
      return rule.params.belowPercent !== null ? `At or below ${rule.params.belowPercent} % left` : 'By amount only';
    case 'proxy_expiring':
      return `Within ${rule.params.withinDays} days of the end`;
  }
}

function initialFields(rule: AlertRuleView): Record<string, string> {
  const f: Record<string, string> = {};
  if (rule.kind === 'balance_low') Object.assign(f, { belowAmount: minorToDecimal(rule.params.belowAmount), runwayDays: rule.params.runwayDays?.toString() ?? '', burnWindowDays: String(rule.params.burnWindowDays) });
  if (rule.kind === 'customer_credit_low') f.belowAmount = minorToDecimal(rule.params.belowAmount);
  if (rule.kind === 'package_low') f.belowPercent = rule.params.belowPercent?.toString() ?? '';
  if (rule.kind === 'proxy_expiring') f.withinDays = String(rule.params.withinDays);
  return f;
}

/** The typed fields as the rule's params (cents, days); main checks them with the contract's schema. */
function paramsFrom(kind: AlertKind, fields: Record<string, string>) {
  const num = (t: string | undefined) => (t === undefined || t.trim() === '' ? null : Number(t));
  const cents = (t: string | undefined) => decimalToMinor((t ?? '').trim().replace(/^\$/, '') || 'x');
  if (kind === 'balance_low') return { kind, params: { belowAmount: cents(fields.belowAmount), runwayDays: num(fields.runwayDays), burnWindowDays: Number(fields.burnWindowDays) as 7 | 30 } };
  if (kind === 'customer_credit_low') return { kind, params: { belowAmount: cents(fields.belowAmount) } };
  if (kind === 'package_low') return { kind, params: { belowPercent: num(fields.belowPercent) } };
  return { kind, params: { withinDays: Number(fields.withinDays) } };
}

/**
 * Edits one alert rule: the default (`scope: 'default'`) or the override for one account
 * or customer. `rule` seeds the fields (for a new override: the rule it would replace);
 * saving writes to `scope`/`scopeId`. `onReset` removes an override.
 */
export function RuleEditor({
  rule,
  label,
  scope,
  scopeId,
  onSaved,
  onReset,
  resetLabel = 'Use the default',
}: {
  rule: AlertRuleView;
  label: string;
  scope: RuleScope;
  scopeId?: string | undefined;
  onSaved(): void;
  onReset?: (() => void) | undefined;
  resetLabel?: string;
}) {
  const notify = useUi((s) => s.notify);
  const initial = initialFields(rule);
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const fields = draft ?? initial;
  const set = (k: string, v: string) => setDraft({ ...fields, [k]: v });
  const target = { scope, ...(scopeId ? { scopeId } : {}) };
  const save = useAction(async (enabled: boolean) => {
    await call('alert-rules:update', { ...paramsFrom(rule.kind, fields), ...target, enabled } as Input<'alert-rules:update'>);
    setDraft(null);
    notify('success', `${label}: saved.`);
    onSaved();
  });
  const reset = useAction(async () => {
    await call('alert-rules:update', { kind: rule.kind, ...target, reset: true });
    setDraft(null);
    notify('success', `${label}: back to the default.`);
    onReset?.();
  });
  const id = (k: string) => `rule-${rule.kind}-${scope}-${scopeId ?? 'all'}-${k}`;
  return (
    <div className="rule" role="group" aria-label={label}>
      <label className="check rule-title">
        <input type="checkbox" checked={rule.enabled} disabled={save.busy} onChange={(e) => void save.run(e.target.checked)} />
        <strong>{label}</strong>
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
        {onReset && (
          <Button small busy={reset.busy} onClick={() => void reset.run()}>
            {resetLabel}
          </Button>
        )}
      </div>
      {save.error && <ErrorMessage>{save.error.includes('is not a decimal') ? 'Enter an amount such as 50 or 50.00.' : save.error}</ErrorMessage>}
      {reset.error && <ErrorMessage>{reset.error}</ErrorMessage>}
      {!draft && <span className="muted small">Now: {ruleSummary(rule).replace(/^[A-Z]/, (c) => c.toLowerCase())}</span>}
    </div>
  );
}
