import { useState } from 'react';
import { IMPORT_DELIMITERS, type CustomerImportPreview, type CustomerImportResult, type ImportDelimiter } from '../../../../shared/contract/customer-bulk';
import { call, errorMessage, fieldLabel } from '../../api/client';
import { SidePanel } from '../../components/side-panel';
import { Button, ErrorMessage, Field } from '../../components/ui';
import { plural } from '../../lib/format';
import { ImportRows } from './import-rows';

const DELIMITER_LABEL: Record<ImportDelimiter, string> = { auto: 'Detect', comma: 'Comma', semicolon: 'Semicolon', tab: 'Tab' };
const STATUS_LABEL = { create: 'New', update: 'Update', skip: 'Skip', error: 'Error' } as const;
const OUTCOME_LABEL = { created: 'Created', updated: 'Updated', skipped: 'Skipped', error: 'Error' } as const;

/**
 * CSV import of customers: main parses and validates every row with the create form's
 * rules (the preview writes nothing), then applies the valid rows in one transaction and
 * reports a result per row.
 */
export function ImportPanel({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [delimiter, setDelimiter] = useState<ImportDelimiter>('auto');
  const [updateExisting, setUpdateExisting] = useState(false);
  const [preview, setPreview] = useState<CustomerImportPreview | null>(null);
  const [result, setResult] = useState<CustomerImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function runPreview(next: { text: string; delimiter: ImportDelimiter; updateExisting: boolean }) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setPreview(await call('customers:import-preview', { csv: next.text, delimiter: next.delimiter, updateExisting: next.updateExisting }));
    } catch (e) {
      setPreview(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('customers:import', { csv: file.text, delimiter, updateExisting });
      setResult(r);
      setPreview(null);
      onImported();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const toApply = preview ? preview.counts.create + preview.counts.update : 0;
  return (
    <SidePanel
      title="Import customers from CSV"
      onClose={onClose}
      footer={
        result ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button variant="primary" busy={busy} disabled={!preview || toApply === 0} onClick={() => void apply()}>
              {preview ? `Import ${plural(toApply, 'customer')}` : 'Import'}
            </Button>
          </>
        )
      }
    >
      <p className="muted small">A header row, then one customer per line. Columns such as Email, Name, Company, Tags, Port slots are recognised; other columns are ignored.</p>
      <Field label="CSV file" htmlFor="import-file">
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            const text = await f.text();
            setFile({ name: f.name, text });
            void runPreview({ text, delimiter, updateExisting });
          }}
        />
      </Field>
      <div className="form-grid">
        <Field label="Separator" htmlFor="import-delimiter">
          <select
            id="import-delimiter"
            value={delimiter}
            onChange={(e) => {
              const d = e.target.value as ImportDelimiter;
              setDelimiter(d);
              if (file) void runPreview({ text: file.text, delimiter: d, updateExisting });
            }}
          >
            {IMPORT_DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {DELIMITER_LABEL[d]}
              </option>
            ))}
          </select>
        </Field>
        <label className="check span-2 wrap">
          <input
            type="checkbox"
            checked={updateExisting}
            onChange={(e) => {
              setUpdateExisting(e.target.checked);
              if (file) void runPreview({ text: file.text, delimiter, updateExisting: e.target.checked });
            }}
          />
          Update customers whose email already exists
        </label>
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {preview && (
        <>
          <p role="status" data-testid="import-counts">
            Preview of {file?.name}, {plural(preview.counts.rows, 'row')}: <strong>{preview.counts.create + preview.counts.update}</strong> valid (<strong>{preview.counts.create}</strong> new, <strong>{preview.counts.update}</strong> to update), {preview.counts.skip} skipped,{' '}
            <span className={preview.counts.error ? 'negative' : undefined}>{preview.counts.error} with errors</span>. Nothing is written yet.
          </p>
          {preview.missingFields.length > 0 && <ErrorMessage>No column for: {preview.missingFields.map(fieldLabel).join(', ')}. Every row needs them.</ErrorMessage>}
          <ImportRows
            key={`preview:${file?.name}:${delimiter}:${updateExisting}`}
            label="Import preview"
            rows={preview.rows}
            customer={(r) => (
              <>
                {r.raw.name ?? ''} <span className="muted small">{r.raw.email ?? ''}</span>
              </>
            )}
            outcome={(r) => (
              <>
                <span className={r.status === 'error' ? 'badge badge-suspended' : r.status === 'skip' ? 'badge' : 'badge badge-active'}>{STATUS_LABEL[r.status]}</span>
                {r.reason && <div className="muted small">{r.reason}</div>}
              </>
            )}
          />
        </>
      )}
      {result && (
        <>
          <p role="status" data-testid="import-result">
            Import done, {plural(result.counts.rows, 'row')}: <strong>{result.counts.created}</strong> created, <strong>{result.counts.updated}</strong> updated, {result.counts.skipped}{' '}
            skipped, <span className={result.counts.errors ? 'negative' : undefined}>{result.counts.errors} with errors</span> (not imported).
          </p>
          <ImportRows
            key="result"
            label="Import result"
            rows={result.rows}
            customer={(r) => r.email ?? ''}
            outcome={(r) => (
              <>
                {OUTCOME_LABEL[r.outcome]}
                {r.reason && <span className="muted small"> · {r.reason}</span>}
              </>
            )}
          />
        </>
      )}
    </SidePanel>
  );
}
