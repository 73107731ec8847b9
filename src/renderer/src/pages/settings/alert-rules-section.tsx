import { useState } from 'react';
import type { CustomerListItem } from '../../../../shared/contract/customers';
import { ALERT_KINDS, RULE_SCOPES_BY_KIND, type AlertKind, type AlertRuleView } from '../../../../shared/contract/events';
import { call, hasChannel } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { CustomerPicker } from '../../components/customer-picker';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { RULE_TITLE, RuleEditor } from './rule-editor';

/**
 * Alert rules: the default of each kind, and overrides for one upstream account or one
 * customer (the most specific wins: customer → account → default; main resolves it).
 */
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
        <RuleEditor key={r.kind} rule={r} label={RULE_TITLE[r.kind]} scope="default" onSaved={rules.reload} />
      ))}
      <h3 className="subhead" id="alert-overrides-h">
        For one account or customer
      </h3>
      <div role="region" aria-labelledby="alert-overrides-h">
        {rules.data && overrides.length === 0 && <p className="muted small">No override: every account and customer follows the defaults above.</p>}
        {overrides.map((o) => (
          <RuleEditor
            key={`${o.kind}:${o.scope}:${o.scopeId}`}
            rule={o}
            label={`${RULE_TITLE[o.kind]} for ${o.scopeName ?? o.scopeId}`}
            scope={o.scope}
            scopeId={o.scopeId ?? undefined}
            onSaved={rules.reload}
            onReset={rules.reload}
            resetLabel="Remove override"
          />
        ))}
        {rules.data && <AddOverride rules={rules.data} onAdded={rules.reload} />}
      </div>
    </section>
  );
}

/** Kinds that can be set per account or per customer. */
const OVERRIDABLE = ALERT_KINDS.filter((k) => RULE_SCOPES_BY_KIND[k].some((s) => s !== 'default'));

function AddOverride({ rules, onAdded }: { rules: AlertRuleView[]; onAdded(): void }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<AlertKind>('balance_low');
  const scopes = RULE_SCOPES_BY_KIND[kind].filter((s) => s !== 'default');
  const [scopeChoice, setScope] = useState<'account' | 'customer'>('account');
  const scope = scopes.includes(scopeChoice) ? scopeChoice : (scopes[0] as 'account' | 'customer');
  const [accountId, setAccountId] = useState('');
  const [customer, setCustomer] = useState<CustomerListItem | null>(null);
  const accounts = useQuery('rule-accounts', () => call('accounts:list'), { enabled: open && hasChannel('accounts:list') });
  const base = rules.find((r) => r.kind === kind && r.scope === 'default');
  const scopeId = scope === 'account' ? accountId : (customer?.id ?? '');
  const scopeName = scope === 'account' ? accounts.data?.find((a) => a.id === accountId)?.name : customer?.name;

  if (!open) {
    return (
      <Button small onClick={() => setOpen(true)}>
        Add an override
      </Button>
    );
  }
  return (
    <div className="override-form" role="group" aria-label="New override">
      <div className="rule-fields">
        <label htmlFor="override-kind">
          Rule{' '}
          <select id="override-kind" className="auto-width" value={kind} onChange={(e) => setKind(e.target.value as AlertKind)}>
            {OVERRIDABLE.map((k) => (
              <option key={k} value={k}>
                {RULE_TITLE[k]}
              </option>
            ))}
          </select>
        </label>
        {scopes.length > 1 && (
          <label htmlFor="override-scope">
            for{' '}
            <select id="override-scope" className="auto-width" value={scope} onChange={(e) => setScope(e.target.value as 'account' | 'customer')}>
              <option value="account">an upstream account</option>
              <option value="customer">a customer</option>
            </select>
          </label>
        )}
        {scope === 'account' ? (
          <label htmlFor="override-account">
            Account{' '}
            <select id="override-account" className="auto-width" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              <option value="">Choose…</option>
              {(accounts.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <div className="override-customer">
            <label htmlFor="override-customer">Customer</label>
            <CustomerPicker id="override-customer" value={customer} onChange={setCustomer} />
          </div>
        )}
        <Button small onClick={() => setOpen(false)}>
          Close
        </Button>
      </div>
      {base && scopeId && (
        <RuleEditor
          key={`${kind}:${scope}:${scopeId}`}
          rule={base}
          label={`${RULE_TITLE[kind]} for ${scopeName ?? scopeId}`}
          scope={scope}
          scopeId={scopeId}
          onSaved={() => {
            setOpen(false);
            onAdded();
          }}
        />
      )}
    </div>
  );
}
