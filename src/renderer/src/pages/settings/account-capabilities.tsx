import { useState } from 'react';
import type { AccountCapabilitiesView, AccountCheck, BooksBalancePreview } from '../../../../shared/contract/accounts';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useAction } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Button, ErrorMessage, Field } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { parseAmountInput } from '../../lib/money-input';
import { useUi } from '../../state/ui-store';

/** What a connection test says, in words: the upstream's balance, or that the books are the source. */
export function checkSummary(name: string, check: AccountCheck): string {
  if (check.upstreamBalance !== null) return `${name} answered: balance ${formatMoney(check.upstreamBalance, check.currency)}.`;
  const books = check.booksBalance !== undefined ? ` Books: ${formatMoney(check.booksBalance, check.currency)}.` : '';
  return `${name} answered.${books} ${check.notes?.[0] ?? ''}`.trim();
}

/**
 * Settings → Upstream accounts: what this account's upstream offers beyond its documents
 * (learned by main), a "Check again", and, where the books are the balance's source, a
 * way to enter or correct it (the entry is shown before it is made).
 */
export function AccountCapabilities({ caps, onChanged }: { caps: AccountCapabilitiesView; onChanged(): void }) {
  const notify = useUi((s) => s.notify);
  const recheck = useAction(async () => {
    await call('accounts:check-capabilities', { id: caps.accountId });
    notify('success', 'Checked what the upstream offers.');
    onChanged();
  });
  const lacking = (caps.assumed ?? []).filter((c) => c.state !== 'present');
  return (
    <div className="account-capabilities small" data-testid="account-capabilities">
      {caps.balanceSource === 'books' && <p className="muted">{caps.assumed?.find((c) => c.id === 'balance')?.message ?? 'The balance shown is from your books.'}</p>}
      {lacking.length > 0 && (
        <details>
          <summary>Not offered or not checked ({lacking.length})</summary>
          <ul>
            {lacking.map((c) => (
              <li key={c.id} data-capability={c.id} data-state={c.state}>
                <strong>{c.label}</strong>: {c.state === 'absent' ? 'not offered' : 'not checked yet'}. {c.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="muted">
        {caps.checkedAt ? `Checked ${formatDateTime(caps.checkedAt)}${caps.checkSource === 'openapi' ? ' (OpenAPI document)' : caps.checkSource === 'probe' ? ' (probed)' : ''}` : 'Not checked yet: only documented routes are used.'}
        {caps.checkError ? ` Last check failed: ${caps.checkError}` : ''}{' '}
        <Button small variant="ghost" busy={recheck.busy} onClick={() => void recheck.run()}>
          Check again
        </Button>
        {caps.balanceSource === 'books' && <BooksBalanceButton accountId={caps.accountId} onChanged={onChanged} />}
      </div>
      {recheck.error && <ErrorMessage>{recheck.error}</ErrorMessage>}
    </div>
  );
}

function BooksBalanceButton({ accountId, onChanged }: { accountId: string; onChanged(): void }) {
  const notify = useUi((s) => s.notify);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<BooksBalancePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = useAction(async () => {
    const parsed = parseAmountInput(text);
    if (!parsed.ok) {
      setError(parsed.reason);
      return;
    }
    setError(null);
    setPreview(await call('accounts:preview-books-balance', { id: accountId, balance: parsed.minor }));
  });
  const post = useAction(async () => {
    if (!preview) return;
    await call('accounts:set-books-balance', { id: accountId, balance: preview.target, expectedCurrent: preview.current });
    notify('success', `Books' balance set to ${formatMoney(preview.target)}.`);
    setOpen(false);
    setPreview(null);
    onChanged();
  });
  if (!open) {
    return (
      <Button small variant="ghost" onClick={() => setOpen(true)}>
        Set balance in books…
      </Button>
    );
  }
  return (
    <ConfirmDialog
      title="Set the balance in your books"
      confirmLabel={preview ? 'Post this entry' : 'Show the entry'}
      busy={show.busy || post.busy}
      error={error ?? show.error ?? post.error}
      onCancel={() => (setOpen(false), setPreview(null))}
      onConfirm={() => void (preview ? post.run() : show.run())}
    >
      <Field label="Your balance at the upstream now" htmlFor="books-balance">
        <input id="books-balance" type="text" inputMode="decimal" value={text} onChange={(e) => (setText(e.target.value), setPreview(null))} />
      </Field>
      {preview && (
        <div data-testid="books-balance-preview">
          <p>{preview.reason}</p>
          <p>
            {preview.description}. Books now {formatMoney(preview.current)}; the entry posts {formatMoney(preview.difference)} to the upstream account against owner&apos;s equity
            {preview.difference === 0 ? ' (nothing to post)' : ''}.
          </p>
        </div>
      )}
    </ConfirmDialog>
  );
}
