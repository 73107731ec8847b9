import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { Icon } from '../../components/icons';
import { ErrorMessage, Loading } from '../../components/ui';

/** The sample sale the discount is shown on: a month of a shared port, the commonest sale. */
const SAMPLE_DAYS = 30;

/**
 * What a discount does to a sale, quoted by main as the calculator does: a port quote
 * gives the upstream's wholesale rate (the renderer knows no prices), then the sale is
 * quoted with and without the discount, so the reseller sees the price and the margin
 * left before saving.
 */
export function DiscountPreview({ customerName, discountPercent }: { customerName: string; discountPercent: string }) {
  const preview = useQuery(`discount-preview:${discountPercent}`, async () => {
    const { baseRateMicros } = await call('proxies:quote', { country: 'US', days: SAMPLE_DAYS });
    const sale = { product: 'port', baseRateMicros, quantity: SAMPLE_DAYS } as const;
    const [list, discounted] = await Promise.all([call('pricing:quote', { ...sale, discountPercent: null }), call('pricing:quote', { ...sale, discountPercent })]);
    return { list, discounted };
  });
  useEvent('event:pricebook-changed', preview.reload);
  return (
    <div className="quote-box" role="group" aria-label="What the discount does">
      <h3>On a {SAMPLE_DAYS}-day shared port</h3>
      <Loading active={preview.loading && !preview.data} label="Quoting…" />
      {preview.error && <ErrorMessage>{preview.error}</ErrorMessage>}
      {preview.data && (
        <>
          <dl className="facts">
            <dt>Pricebook price</dt>
            <dd data-testid="discount-list-price">{formatMoney(preview.data.list.price)}</dd>
            <dt>{customerName} pays</dt>
            <dd className="strong" data-testid="discount-price">
              {formatMoney(preview.data.discounted.price)}
            </dd>
            <dt>Your margin</dt>
            <dd className={preview.data.discounted.margin < 0 ? 'negative' : undefined} data-testid="discount-margin">
              {formatMoney(preview.data.discounted.margin)}
              {preview.data.discounted.marginPercent !== null && <span className="muted"> ({preview.data.discounted.marginPercent.toFixed(2)} %)</span>}
            </dd>
          </dl>
          {(preview.data.discounted.belowCost || preview.data.discounted.warning) && (
            <div className="warning-message" role="alert">
              <Icon name="alert" size={16} />
              <span>{preview.data.discounted.warning ?? 'With this discount the sale is below your cost.'}</span>
            </div>
          )}
        </>
      )}
    </div>
  );
}
