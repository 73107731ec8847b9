import type { ReactNode } from 'react';
import type { Quote } from '../../../../shared/contract/pricing';
import { formatMoney } from '../../../../shared/money';
import { Icon } from '../../components/icons';

/** The live quote before confirming: cost, price, margin and the rules main applied. */
export function QuoteSummary({ quote, extra }: { quote: Quote; extra?: ReactNode }) {
  return (
    <div className="quote-box" role="group" aria-label="Quote">
      <dl className="facts">
        <dt>Your cost</dt>
        <dd data-testid="quote-cost">{formatMoney(quote.cost)}</dd>
        <dt>Customer pays</dt>
        <dd className="strong" data-testid="quote-price">
          {formatMoney(quote.price)}
        </dd>
        <dt>Margin</dt>
        <dd className={quote.margin < 0 ? 'negative' : undefined} data-testid="quote-margin">
          {formatMoney(quote.margin)}
          {quote.marginPercent !== null && <span className="muted"> ({quote.marginPercent.toFixed(2)} %)</span>}
        </dd>
        {extra}
      </dl>
      <ul className="rules" aria-label="Rules applied">
        {quote.appliedRules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {(quote.belowCost || quote.warning) && (
        <div className="warning-message" role="alert">
          <Icon name="alert" size={16} />
          <span>{quote.warning ?? 'This price is below your cost.'}</span>
        </div>
      )}
    </div>
  );
}
