import { useState, type FormEvent } from 'react';
import { customerCreateSchema, customerUpdateSchema, type CustomerDetail } from '../../../../shared/contract/customers';
import { call } from '../../api/client';
import { SidePanel } from '../../components/side-panel';
import { Button, ErrorMessage, Field } from '../../components/ui';
import { serverErrors, validate, type FieldErrors } from '../../lib/form';
import { useUi } from '../../state/ui-store';

interface Draft {
  name: string;
  email: string;
  company: string;
  externalId: string;
  tags: string;
  portSlotQuota: string;
  trafficGbAllocation: string;
  notes: string;
}

function toDraft(c?: CustomerDetail): Draft {
  return {
    name: c?.name ?? '',
    email: c?.email ?? '',
    company: c?.company ?? '',
    externalId: c?.externalId ?? '',
    tags: c?.tags.join(', ') ?? '',
    portSlotQuota: c ? String(c.portSlotQuota) : '',
    trafficGbAllocation: c ? String(c.trafficGbAllocation) : '',
    notes: c?.notes ?? '',
  };
}

/** Blank number fields are left out (main's default applies); anything else is sent as a number for the schema to judge. */
function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

function toInput(d: Draft) {
  return {
    name: d.name,
    email: d.email,
    company: d.company,
    externalId: d.externalId,
    notes: d.notes,
    tags: d.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    portSlotQuota: optionalNumber(d.portSlotQuota),
    trafficGbAllocation: optionalNumber(d.trafficGbAllocation),
  };
}

/**
 * Create or edit a customer. The form is checked with the contract's own schemas before
 * it is sent, and whatever main still refuses (a taken email) lands under its field.
 */
export function CustomerFormPanel(props: { mode: 'create' | 'edit'; customer?: CustomerDetail; onClose(): void; onSaved(c: CustomerDetail): void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(props.customer));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const notify = useUi((s) => s.notify);
  const title = props.mode === 'create' ? 'New customer' : `Edit ${props.customer?.name ?? 'customer'}`;

  function bind(field: keyof Draft) {
    return {
      id: `customer-${field}`,
      value: draft[field],
      'aria-invalid': errors[field] ? true : undefined,
      'aria-describedby': errors[field] ? `customer-${field}-error` : undefined,
      onChange: (e: { target: { value: string } }) => {
        setDraft((d) => ({ ...d, [field]: e.target.value }));
        if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
      },
    };
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = props.mode === 'create' ? toInput(draft) : { id: props.customer!.id, ...toInput(draft) };
    const checked = props.mode === 'create' ? validate(customerCreateSchema, input) : validate(customerUpdateSchema, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const saved = props.mode === 'create' ? await call('customers:create', input as never) : await call('customers:update', input as never);
      notify('success', props.mode === 'create' ? `${saved.name} added.` : `${saved.name} saved.`);
      props.onSaved(saved);
    } catch (err) {
      setErrors(serverErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SidePanel
      title={title}
      onClose={props.onClose}
      footer={
        <>
          <Button onClick={props.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form="customer-form" variant="primary" busy={busy}>
            {props.mode === 'create' ? 'Add customer' : 'Save changes'}
          </Button>
        </>
      }
    >
      <form id="customer-form" onSubmit={(e) => void onSubmit(e)} noValidate className="form-grid">
        <div className="span-2">
          <Field label="Name" htmlFor="customer-name" error={errors.name}>
            <input type="text" autoComplete="off" {...bind('name')} />
          </Field>
        </div>
        <div className="span-2">
          <Field label="Email" htmlFor="customer-email" error={errors.email}>
            <input type="email" autoComplete="off" {...bind('email')} />
          </Field>
        </div>
        <Field label="Company" htmlFor="customer-company" error={errors.company}>
          <input type="text" {...bind('company')} />
        </Field>
        <Field label="Your ID for them" htmlFor="customer-externalId" error={errors.externalId} hint="e.g. from your billing system">
          <input type="text" {...bind('externalId')} />
        </Field>
        <div className="span-2">
          <Field label="Tags" htmlFor="customer-tags" error={errors.tags} hint="Separated by commas">
            <input type="text" {...bind('tags')} />
          </Field>
        </div>
        <Field label="Port slots" htmlFor="customer-portSlotQuota" error={errors.portSlotQuota} hint="Most ports they may hold">
          <input type="number" min={0} {...bind('portSlotQuota')} />
        </Field>
        <Field label="Traffic allocation (GB)" htmlFor="customer-trafficGbAllocation" error={errors.trafficGbAllocation}>
          <input type="number" min={0} {...bind('trafficGbAllocation')} />
        </Field>
        <div className="span-2">
          <Field label="Notes" htmlFor="customer-notes" error={errors.notes}>
            <textarea rows={4} {...bind('notes')} />
          </Field>
        </div>
        {errors._form && (
          <div className="span-2">
            <ErrorMessage>{errors._form}</ErrorMessage>
          </div>
        )}
      </form>
    </SidePanel>
  );
}
