import { PRICING_MODES, type PricingMode } from '../../../../shared/contract/pricing';
import { Icon } from '../../components/icons';
import { Button, Field } from '../../components/ui';
import type { FieldErrors } from '../../lib/form';
import type { Draft, ProductDraft } from './draft';

const MODE_LABEL: Record<PricingMode, { label: string; help: string }> = {
  margin: { label: 'Margin', help: 'Your price is the upstream cost plus a percentage.' },
  fixed: { label: 'Fixed', help: 'You set the price per day and per GB yourself.' },
  multiplier: { label: 'Multiplier', help: 'Your price is the upstream cost times a factor.' },
};

const PRODUCTS = [
  { key: 'port', title: 'Ports (per day)', unit: 'day' },
  { key: 'traffic', title: 'Traffic (per GB)', unit: 'GB' },
] as const;

export function PricebookEditor({ draft, errors, onChange }: { draft: Draft; errors: FieldErrors; onChange(d: Draft): void }) {
  const setProduct = (key: 'port' | 'traffic', patch: Partial<ProductDraft>) => onChange({ ...draft, [key]: { ...draft[key], ...patch } });
  return (
    <section className="card" aria-labelledby="pricebook-h">
      <h2 id="pricebook-h">Pricebook</h2>
      <fieldset className="plain">
        <legend>Pricing mode</legend>
        <div className="segmented">
          {PRICING_MODES.map((m) => (
            <label key={m} className={draft.mode === m ? 'segment checked' : 'segment'}>
              <input type="radio" name="pricing-mode" value={m} checked={draft.mode === m} onChange={() => onChange({ ...draft, mode: m })} />
              {MODE_LABEL[m].label}
            </label>
          ))}
        </div>
        <p className="field-hint">{MODE_LABEL[draft.mode].help}</p>
      </fieldset>

      {draft.mode === 'margin' && (
        <Field label="Default margin (%)" htmlFor="default-margin" error={errors.defaultMarginPercent} hint="Used where a product or a country has no margin of its own.">
          <input id="default-margin" type="text" inputMode="decimal" value={draft.defaultMarginPercent} onChange={(e) => onChange({ ...draft, defaultMarginPercent: e.target.value })} />
        </Field>
      )}

      <div className="form-grid">
        {PRODUCTS.map((p) => (
          <fieldset key={p.key} className="plain product-box">
            <legend>{p.title}</legend>
            {draft.mode === 'margin' && (
              <Field label={`Margin on ${p.key === 'port' ? 'ports' : 'traffic'} (%)`} htmlFor={`${p.key}-margin`} error={errors[`${p.key}.marginPercent`]} hint="Blank: the default margin">
                <input id={`${p.key}-margin`} type="text" inputMode="decimal" value={draft[p.key].marginPercent} onChange={(e) => setProduct(p.key, { marginPercent: e.target.value })} />
              </Field>
            )}
            {draft.mode === 'fixed' && (
              <Field label={`Price per ${p.unit} (USD)`} htmlFor={`${p.key}-fixed`} error={errors[`${p.key}.fixedPriceMicros`]}>
                <input id={`${p.key}-fixed`} type="text" inputMode="decimal" value={draft[p.key].fixedPrice} onChange={(e) => setProduct(p.key, { fixedPrice: e.target.value })} />
              </Field>
            )}
            {draft.mode === 'multiplier' && (
              <Field label={`Multiplier for ${p.key === 'port' ? 'ports' : 'traffic'}`} htmlFor={`${p.key}-multiplier`} error={errors[`${p.key}.multiplier`]} hint="e.g. 1.5 sells $2.00 at $3.00">
                <input id={`${p.key}-multiplier`} type="text" inputMode="decimal" value={draft[p.key].multiplier} onChange={(e) => setProduct(p.key, { multiplier: e.target.value })} />
              </Field>
            )}
          </fieldset>
        ))}
      </div>

      <fieldset className="plain">
        <legend>Country overrides</legend>
        <p className="field-hint">A margin for one country, in place of the product margin (margin mode).</p>
        {draft.countryOverrides.length > 0 && (
          <table className="table compact overrides">
            <thead>
              <tr>
                <th>Country</th>
                <th>Margin (%)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.countryOverrides.map((o, i) => {
                const update = (patch: Partial<typeof o>) => onChange({ ...draft, countryOverrides: draft.countryOverrides.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                const err = errors[`countryOverrides.${i}.country`] ?? errors[`countryOverrides.${i}.marginPercent`];
                return (
                  <tr key={i}>
                    <td>
                      <input aria-label={`Override ${i + 1}: country code`} type="text" maxLength={2} value={o.country} placeholder="DE" onChange={(e) => update({ country: e.target.value.toUpperCase() })} />
                    </td>
                    <td>
                      <input aria-label={`Override ${i + 1}: margin (%)`} type="text" inputMode="decimal" value={o.marginPercent} onChange={(e) => update({ marginPercent: e.target.value })} />
                      {err && <p className="field-error">{err}</p>}
                    </td>
                    <td className="num">
                      <button type="button" className="icon-btn" aria-label={`Remove ${o.country || 'override'}`} onClick={() => onChange({ ...draft, countryOverrides: draft.countryOverrides.filter((_, j) => j !== i) })}>
                        <Icon name="close" size={14} />
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <Button small onClick={() => onChange({ ...draft, countryOverrides: [...draft.countryOverrides, { country: '', marginPercent: draft.defaultMarginPercent }] })}>
          <Icon name="plus" size={14} /> Add a country
        </Button>
      </fieldset>
      {errors._form && <p className="field-error">{errors._form}</p>}
    </section>
  );
}
