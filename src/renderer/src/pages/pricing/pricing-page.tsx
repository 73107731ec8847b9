import { useMemo, useState } from 'react';
import { pricebookDraftSchema } from '../../../../shared/contract/pricing';
import { call, hasChannel } from '../../api/client';
import { useAction, useDebounced, useEvent, useQuery } from '../../api/hooks';
import { useRegisterCommands, type Command } from '../../app/commands';
import { Planned } from '../../components/planned';
import { Button, ErrorMessage, Loading, PageHeader } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { serverErrors, validate, type FieldErrors } from '../../lib/form';
import { useUi } from '../../state/ui-store';
import { Calculator } from './calculator';
import { draftFromPricebook, draftInput, sameDraft, type Draft } from './draft';
import { PricebookEditor } from './pricebook-editor';

export function PricingPage() {
  if (!hasChannel('pricing:get')) {
    return (
      <div className="page">
        <PageHeader title="Pricing" subtitle="Your pricebook: what you charge over what your upstreams charge you." />
        <Planned
          icon="pricing"
          title="The pricebook arrives with the reseller operations"
          items={['Margin, fixed or multiplier pricing, separately for ports and traffic', 'Country overrides and customer discounts', 'A calculator that shows every change before you save it, with the margin guard']}
        />
      </div>
    );
  }
  return <PricingEditorPage />;
}

/**
 * The pricebook editor and its calculator: every change is previewed through
 * `pricing:quote` with the unsaved draft (main computes; the window only shows), and
 * saved only on "Save pricebook".
 */
function PricingEditorPage() {
  const saved = useQuery('pricebook', () => call('pricing:get'));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const notify = useUi((s) => s.notify);
  const { reload } = saved;
  useEvent('event:pricebook-changed', reload);

  const base = saved.data ? draftFromPricebook(saved.data) : null;
  const current = draft ?? base;
  const dirty = !!current && !!base && !sameDraft(current, base);
  const debouncedDraft = useDebounced(current, 200);
  const check = useMemo(() => (debouncedDraft ? validate(pricebookDraftSchema, draftInput(debouncedDraft)) : null), [debouncedDraft]);
  const draftErrors = check && !check.ok ? check.errors : {};

  const save = useAction(async () => {
    if (!current || !saved.data) return;
    const checked = validate(pricebookDraftSchema, draftInput(current));
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    try {
      // One call, one transaction: a refusal leaves the saved pricebook as it was.
      await call('pricing:save', draftInput(current));
    } catch (e) {
      setErrors(serverErrors(e));
      throw e;
    }
    setDraft(null);
    setErrors({});
    notify('success', 'Pricebook saved. New quotes and sales use it from now on.');
    reload();
  });

  const commands: Command[] = dirty ? [{ id: 'pricing:save', label: 'Save the pricebook', group: 'Pricing', run: () => void save.run() }] : [];
  useRegisterCommands('pricing', commands);

  return (
    <div className="page">
      <PageHeader
        title="Pricing"
        subtitle={saved.data ? `Your pricebook, for every upstream. Last saved ${formatDateTime(saved.data.updatedAt)}.` : 'Your pricebook, for every upstream.'}
        actions={
          <>
            <Button disabled={!dirty || save.busy} onClick={() => (setDraft(null), setErrors({}))}>
              Discard changes
            </Button>
            <Button variant="primary" disabled={!dirty} busy={save.busy} onClick={() => void save.run()}>
              Save pricebook
            </Button>
          </>
        }
      />
      <Loading active={saved.loading && !saved.data} label="Loading pricebook…" />
      {saved.error && <ErrorMessage onRetry={reload}>{saved.error}</ErrorMessage>}
      {save.error && !Object.keys(errors).some((k) => k !== '_form') && <ErrorMessage>{save.error}</ErrorMessage>}
      {dirty && <div className="draft-banner" role="status">Unsaved changes: the calculator shows them next to your saved prices.</div>}
      {current && (
        <div className="pricing-layout">
          <PricebookEditor
            draft={current}
            errors={{ ...draftErrors, ...errors }}
            onChange={(d) => {
              setDraft(d);
              setErrors({});
            }}
          />
          <Calculator draft={check?.ok && dirty && debouncedDraft ? draftInput(debouncedDraft) : null} draftInvalid={!!check && !check.ok} />
        </div>
      )}
    </div>
  );
}
