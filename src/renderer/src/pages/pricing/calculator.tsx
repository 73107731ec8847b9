import { useState, type ReactNode } from 'react';
import { PRICED_PRODUCTS, type PricedProduct, type Quote } from '../../../../shared/contract/pricing';
import { decimalToMicros, formatMoney, formatRate, microsToMinor, minorToMicros, type Micros } from '../../../../shared/money';
import { call } from '../../api/client';
import { useDebounced, useQuery } from '../../api/hooks';
import { Icon } from '../../components/icons';
import { ErrorMessage, Field, Loading } from '../../components/ui';
import type { DraftInput } from './draft';

interface CalcInput {
  product: PricedProduct;
  baseRate: string;
  quantity: string;
  country: string;
  discount: string;
}

function rateMicros(text: string): number | null {
  try {
    return decimalToMicros(text.trim().replace(/^\$/, ''));
  } catch {
    return null;
  }
}

/**
 * What a sale would cost and fetch: main quotes it with the saved pricebook and, while
 * there are unsaved changes, with the draft too, side by side.
 */
export function Calculator({ draft, draftInvalid }: { draft: DraftInput | null; draftInvalid: boolean }) {
  const [input, setInput] = useState<CalcInput>({ product: 'port', baseRate: '2.00', quantity: '30', country: '', discount: '' });
  const debounced = useDebounced(input, 150);
  const micros = rateMicros(debounced.baseRate);
  const quantity = Number(debounced.quantity);
  const request =
    micros === null || !Number.isInteger(quantity) || quantity < 1
      ? null
      : {
          product: debounced.product,
          baseRateMicros: micros,
          quantity,
          country: debounced.country.trim() === '' ? null : debounced.country.trim(),
          discountPercent: debounced.discount.trim() === '' ? null : debounced.discount.trim(),
        };
  const key = JSON.stringify({ request, draft });
  const quotes = useQuery(
    `quote:${key}`,
    async () => {
      if (!request) return null;
      const [now, next] = await Promise.all([call('pricing:quote', request), draft ? call('pricing:quote', { ...request, draft }) : Promise.resolve(null)]);
      return { now, next };
    },
  );
  const unit = input.product === 'port' ? 'day' : 'GB';
  const set = (patch: Partial<CalcInput>) => setInput((i) => ({ ...i, ...patch }));

  return (
    <section className="card calculator" aria-labelledby="calc-h">
      <h2 id="calc-h">Calculator</h2>
      <div className="form-grid">
        <Field label="Product" htmlFor="calc-product">
          <select id="calc-product" value={input.product} onChange={(e) => set({ product: e.target.value as PricedProduct })}>
            {PRICED_PRODUCTS.map((p) => (
              <option key={p} value={p}>
                {p === 'port' ? 'Port (per day)' : 'Traffic (per GB)'}
              </option>
            ))}
          </select>
        </Field>
        <Field label={`Upstream cost per ${unit} (USD)`} htmlFor="calc-rate" error={rateMicros(input.baseRate) === null ? 'Enter a price such as 2.00' : null}>
          <input id="calc-rate" type="text" inputMode="decimal" value={input.baseRate} onChange={(e) => set({ baseRate: e.target.value })} />
        </Field>
        <Field label={input.product === 'port' ? 'Days' : 'GB'} htmlFor="calc-quantity">
          <input id="calc-quantity" type="number" min={1} value={input.quantity} onChange={(e) => set({ quantity: e.target.value })} />
        </Field>
        <Field label="Country" htmlFor="calc-country" hint="Two letters, optional">
          <input id="calc-country" type="text" maxLength={2} value={input.country} onChange={(e) => set({ country: e.target.value.toUpperCase() })} />
        </Field>
        <div className="span-2">
          <Field label="Customer discount (%)" htmlFor="calc-discount" hint="Optional">
            <input id="calc-discount" type="text" inputMode="decimal" value={input.discount} onChange={(e) => set({ discount: e.target.value })} />
          </Field>
        </div>
      </div>
      <Loading active={quotes.loading} label="Quoting…" />
      {quotes.error && <ErrorMessage>{quotes.error}</ErrorMessage>}
      {draftInvalid && <p className="muted small">Fix the highlighted pricebook fields to see your changes here.</p>}
      {quotes.data && <QuoteTable now={quotes.data.now} next={quotes.data.next} />}
    </section>
  );
}

function marginText(q: Quote): string {
  return q.marginPercent === null ? formatMoney(q.margin) : `${formatMoney(q.margin)} (${q.marginPercent.toFixed(2)} %)`;
}

/**
 * A per-unit rate as money: rounded once to the cent (half away from zero) and, when the
 * rate has sub-cent digits, the exact rate under it, so "$0.01" never hides "$0.0123".
 */
function UnitRate({ micros, unit }: { micros: Micros; unit: string }) {
  const cents = microsToMinor(micros);
  return (
    <>
      {formatMoney(cents)}
      {minorToMicros(cents) !== micros && <div className="muted small nowrap">exact {formatRate(micros)} per {unit}</div>}
    </>
  );
}

/** The saved pricebook's quote and, while editing, the draft's, side by side; every figure from main. */
function QuoteTable({ now, next }: { now: Quote; next: Quote | null }) {
  const columns: { quote: Quote; id: string; title: string }[] = [{ quote: now, id: 'quote-saved', title: next ? 'Saved prices' : 'Quote' }];
  if (next) columns.push({ quote: next, id: 'quote-draft', title: 'With your changes' });
  const rows: { label: string; cell(q: Quote): ReactNode; key: string; tone?(q: Quote): string }[] = [
    { label: 'Cost', key: 'cost', cell: (q) => formatMoney(q.cost) },
    { label: 'Price', key: 'price', cell: (q) => formatMoney(q.price) },
    { label: 'Margin', key: 'margin', cell: marginText, tone: (q) => (q.margin < 0 ? 'negative' : '') },
    { label: `Price per ${now.unit}`, key: 'unit', cell: (q) => <UnitRate micros={q.unitPriceMicros} unit={q.unit} /> },
    { label: `Cost per ${now.unit}`, key: 'unit-cost', cell: (q) => <UnitRate micros={q.unitCostMicros} unit={q.unit} /> },
  ];
  const warned = columns.filter((c) => c.quote.belowCost || c.quote.warning);
  return (
    <>
      <table className={next ? 'table quote-table compare' : 'table quote-table'} aria-label="Quote">
        <thead>
          <tr>
            <th />
            {columns.map((c) => (
              <th key={c.id} className={c.id === 'quote-draft' ? 'num draft-col' : 'num'}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.key === 'price' ? 'strong' : undefined}>
              <td>{r.label}</td>
              {columns.map((c) => (
                <td key={c.id} className={['num', c.id === 'quote-draft' ? 'draft-col' : '', r.tone?.(c.quote) ?? ''].join(' ')} data-testid={`${c.id}-${r.key}`}>
                  {r.cell(c.quote)}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td>Rules applied</td>
            {columns.map((c) => (
              <td key={c.id} className={c.id === 'quote-draft' ? 'draft-col' : undefined}>
                <ul className="rules" aria-label={`Rules applied: ${c.title}`} data-testid={`${c.id}-rules`}>
                  {c.quote.appliedRules.map((rule) => (
                    <li key={rule}>{rule}</li>
                  ))}
                </ul>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {warned.map((c) => (
        <div key={c.id} className="warning-message" role="alert" data-testid={`${c.id}-warning`}>
          <Icon name="alert" size={16} />
          <span>
            {next ? <strong>{c.title}: </strong> : null}
            {c.quote.warning ?? 'This price is below your cost.'}
          </span>
        </div>
      ))}
    </>
  );
}
