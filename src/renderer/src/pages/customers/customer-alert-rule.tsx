import { call } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { ErrorMessage } from '../../components/ui';
import { RuleEditor } from '../settings/rule-editor';

/**
 * This customer's "credit low" alert: their own threshold (an override kept by main) or
 * the default from Settings → Alerts until one is set.
 */
export function CustomerAlertRule({ customerId }: { customerId: string }) {
  const rules = useQuery('alert-rules', () => call('alert-rules:list'));
  useEvent('event:alert-raised', (a) => a.customerId === customerId && rules.reload());
  const own = rules.data?.find((r) => r.kind === 'customer_credit_low' && r.scope === 'customer' && r.scopeId === customerId);
  const base = rules.data?.find((r) => r.kind === 'customer_credit_low' && r.scope === 'default');
  const rule = own ?? base;
  return (
    <section className="card" aria-labelledby="customer-alerts-h">
      <h2 id="customer-alerts-h">Alerts</h2>
      {rules.error && <ErrorMessage onRetry={rules.reload}>{rules.error}</ErrorMessage>}
      {rule && (
        <>
          <RuleEditor
            key={own ? 'own' : 'default'}
            rule={rule}
            label="Alert me when their credit is low"
            scope="customer"
            scopeId={customerId}
            onSaved={rules.reload}
            onReset={own ? rules.reload : undefined}
          />
          <p className="muted small" data-testid="credit-rule-source">
            {own ? 'Their own threshold.' : 'Following the default in Settings → Alerts.'}
          </p>
        </>
      )}
    </section>
  );
}
