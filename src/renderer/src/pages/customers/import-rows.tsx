import { useState, type ReactNode } from 'react';
import type { ImportFieldError } from '../../../../shared/contract/customer-bulk';
import { fieldLabel, humanReason } from '../../api/client';
import { Button } from '../../components/ui';
import { formatCount } from '../../lib/format';

/** Rows a page: a file of thousands of lines stays quick to show, and every line is a few clicks away. */
const PAGE_SIZE = 100;

/** "portSlotQuota: must be a whole number" → "Port slot quota: must be a whole number". */
export function importErrorText(error: ImportFieldError): string {
  return error.field === 'row' ? `This row ${humanReason(error.message)}` : `${fieldLabel(error.field)}: ${humanReason(error.message)}`;
}

interface Row {
  line: number;
  errors: readonly ImportFieldError[];
}

/**
 * Every row of an import (its preview or its result), a page at a time, with the rows that
 * have problems one click away: an error on line 550 of a 600-line file is as easy to find
 * as one on line 3.
 */
export function ImportRows<R extends Row>(props: {
  /** Names the table ("Import preview", "Import result"). */
  label: string;
  rows: readonly R[];
  customer(row: R): ReactNode;
  outcome(row: R): ReactNode;
}) {
  const problems = props.rows.filter((r) => r.errors.length > 0);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [page, setPage] = useState(0);
  const shown = onlyProblems ? problems : props.rows;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const from = current * PAGE_SIZE;
  const slice = shown.slice(from, from + PAGE_SIZE);
  const show = (only: boolean) => {
    setOnlyProblems(only);
    setPage(0);
  };

  return (
    <>
      <div className="control-row">
        <fieldset className="plain">
          <legend className="sr-only">Rows to show</legend>
          <div className="segmented">
            <label className={onlyProblems ? 'segment' : 'segment checked'}>
              <input type="radio" name={`${props.label}-rows`} checked={!onlyProblems} onChange={() => show(false)} />
              All rows ({formatCount(props.rows.length)})
            </label>
            <label className={onlyProblems ? 'segment checked' : 'segment'}>
              <input type="radio" name={`${props.label}-rows`} checked={onlyProblems} onChange={() => show(true)} />
              Only rows with problems ({formatCount(problems.length)})
            </label>
          </div>
        </fieldset>
      </div>
      {slice.length === 0 ? (
        <p className="muted small">{onlyProblems ? 'No row has a problem.' : 'The file has no rows under its header.'}</p>
      ) : (
        <table className="table compact" aria-label={props.label}>
          <thead>
            <tr>
              <th>Line</th>
              <th>Customer</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {slice.map((r) => (
              <tr key={r.line}>
                <td className="num">{r.line}</td>
                <td>{props.customer(r)}</td>
                <td>
                  {props.outcome(r)}
                  {r.errors.map((e) => (
                    <div key={e.field + e.message} className="field-error">
                      {importErrorText(e)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <div className="toolbar" role="navigation" aria-label={`${props.label} pages`}>
          <Button small disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </Button>
          <span className="muted small" aria-live="polite">
            Rows {formatCount(from + 1)}–{formatCount(from + slice.length)} of {formatCount(shown.length)}
          </span>
          <Button small disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Next
          </Button>
        </div>
      )}
    </>
  );
}
