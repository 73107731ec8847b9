import { useState } from 'react';
import type { StatementLine } from '../../../../shared/contract/customers';
import { formatMoney } from '../../../../shared/money';
import { call, hasChannel } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useUi } from '../../state/ui-store';

const KIND_LABEL: Record<string, string> = {
  payment: 'Payment',
  sale: 'Sale',
  refund: 'Refund',
  'credit-note': 'Credit note',
  reversal: 'Reversal',
  topup: 'Top-up',
};

/** Every money movement of one customer, with opening and closing balance (all from main). */
export function StatementSection({ customerId, nonce, onChanged }: { customerId: string; nonce: number; onChanged(): void }) {
  const statement = useQuery(`statement:${customerId}:${nonce}`, () => call('customers:statement', { customerId }));
  const [reversing, setReversing] = useState<StatementLine | null>(null);
  const notify = useUi((s) => s.notify);
  const reverse = useAction(async (line: StatementLine) => {
    await call('money:reverse', { transactionId: line.transactionId, reason: `Reversed from the statement` });
    setReversing(null);
    notify('success', `${line.description || KIND_LABEL[line.kind] || line.kind} reversed.`);
    statement.reload();
    onChanged();
  });
  const s = statement.data;
  return (
    <section className="card" aria-labelledby="statement-h">
      <div className="card-head">
        <h2 id="statement-h">Statement</h2>
        {s && (
          <span className="muted small">
            Opening {formatMoney(s.openingBalance)} · Charges {formatMoney(s.totals.charges)} · Payments {formatMoney(s.totals.payments)}
          </span>
        )}
      </div>
      <Loading active={statement.loading && !s} label="Loading statement…" />
      {statement.error && <ErrorMessage onRetry={statement.reload}>{statement.error}</ErrorMessage>}
      {s && s.lines.length === 0 && <p className="muted">No money movement yet. Record a payment to start their statement.</p>}
      {s && s.lines.length > 0 && (
        <table className="table" aria-label="Statement lines">
          <thead>
            <tr>
              <th>Date</th>
              <th>What</th>
              <th>Reference</th>
              <th className="num">Amount</th>
              <th className="num">Balance</th>
              {hasChannel('money:reverse') && <th />}
            </tr>
          </thead>
          <tbody>
            {s.lines.map((line) => (
              <tr key={line.transactionId}>
                <td className="nowrap">{formatDateTime(line.occurredAt)}</td>
                <td>
                  <span className="badge">{KIND_LABEL[line.kind] ?? line.kind}</span> {line.description}
                </td>
                <td className="muted">{line.reference ?? ''}</td>
                <td className={line.amount < 0 ? 'num negative' : 'num positive'}>{formatMoney(line.amount)}</td>
                <td className="num">{formatMoney(line.balance)}</td>
                {hasChannel('money:reverse') && (
                  <td className="num">
                    {line.kind !== 'reversal' && (
                      <Button small variant="ghost" onClick={() => setReversing(line)}>
                        Reverse…
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4}>Closing balance</td>
              <td className="num strong" data-testid="statement-closing">
                {formatMoney(s.closingBalance)}
              </td>
              {hasChannel('money:reverse') && <td />}
            </tr>
          </tfoot>
        </table>
      )}
      {reversing && (
        <ConfirmDialog
          title="Reverse this entry?"
          confirmLabel="Reverse"
          danger
          busy={reverse.busy}
          error={reverse.error}
          onCancel={() => setReversing(null)}
          onConfirm={() => void reverse.run(reversing)}
        >
          <p>
            A new entry of {formatMoney(-reversing.amount)} will cancel “{reversing.description || KIND_LABEL[reversing.kind] || reversing.kind}” of{' '}
            {formatDateTime(reversing.occurredAt)}. Nothing is deleted: both stay on the statement.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
