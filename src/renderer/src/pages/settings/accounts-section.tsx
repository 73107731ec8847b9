import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { AccountView } from '../../../../shared/contract/accounts';
import { call, hasChannel } from '../../api/client';
import { useAction, useEvent, useQuery } from '../../api/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Icon } from '../../components/icons';
import { Button, ErrorMessage, Loading } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useRegisterCommands, type Command } from '../../app/commands';
import { runAndTell } from '../../app/run-and-tell';
import { useUi } from '../../state/ui-store';
import { AccountCapabilities, checkSummary } from './account-capabilities';
import { AddAccountForm } from './add-account-form';
import { EditAccountForm } from './edit-account-form';
import { KeychainNotice } from './keychain-notice';
import { SyncControl } from './sync-control';

export const PROVIDER_LABEL: Record<AccountView['provider'], string> = { 'proxies-sx': 'Proxies.sx', whozex: 'Whozex' };

/** Upstream accounts: add (verified before saving), edit (a new key is verified too), test, sync, regenerate a key, remove. */
export function AccountsSection() {
  const accounts = useQuery('accounts', () => call('accounts:list'));
  const [adding, setAdding] = useState(false);
  // Held here rather than in the row so the palette can open the same form.
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = accounts.data?.find((a) => a.id === editingId);
  const { reload } = accounts;
  const [, navigate] = useLocation();
  useEvent('event:accounts-changed', reload);
  // Each account's everyday actions, from the palette while Settings is open.
  const commands = useMemo<Command[]>(
    () =>
      (accounts.data ?? []).flatMap((a) => [
        {
          id: `account:edit:${a.id}`,
          label: `Edit ${a.name}…`,
          group: 'Upstream accounts',
          keywords: 'rename change replace paste new api key address url rotated',
          run: () => setEditingId(a.id),
        },
        {
          id: `account:sync:${a.id}`,
          label: `Sync ${a.name}`,
          group: 'Upstream accounts',
          keywords: 'refresh pull',
          run: () =>
            runAndTell(async () => {
              const [run] = await call('sync:run', { accountId: a.id });
              if (run?.status === 'failed') throw new Error(`${a.name}: ${run.error?.message ?? 'the sync failed'}`);
              return `${a.name} synced.`;
            }),
        },
        {
          id: `account:transactions:${a.id}`,
          label: `Upstream transactions of ${a.name}`,
          group: 'Upstream accounts',
          keywords: 'statement history books compare',
          run: () => navigate(`/settings/upstream-transactions/${a.id}`),
        },
        {
          id: `account:test:${a.id}`,
          label: `Test the connection to ${a.name}`,
          group: 'Upstream accounts',
          keywords: 'check key verify',
          run: () =>
            runAndTell(async () => {
              // A refused key or an unreachable upstream arrives as an error with its reason.
              const check = await call('accounts:test', { id: a.id });
              return checkSummary(a.name, check);
            }),
        },
      ]),
    [accounts.data, navigate],
  );
  useRegisterCommands('settings-accounts', commands);
  return (
    <section className="card span-all" aria-labelledby="accounts-h">
      <div className="card-head">
        <h2 id="accounts-h">Upstream accounts</h2>
        {!adding && accounts.data && accounts.data.length > 0 && (
          <Button small onClick={() => setAdding(true)}>
            <Icon name="plus" size={14} /> Add an account
          </Button>
        )}
      </div>
      <Loading active={accounts.loading && !accounts.data} />
      <KeychainNotice />
      {accounts.error && <ErrorMessage onRetry={reload}>{accounts.error}</ErrorMessage>}
      {accounts.data && accounts.data.length === 0 && !adding && (
        <div className="callout">
          <p>
            <strong>Connect your first upstream account.</strong> Paste the API key of your Proxies.sx or Whozex reseller account: Reseller Desk checks it with the
            upstream, then keeps it in your system keychain.
          </p>
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add an account
          </Button>
        </div>
      )}
      {adding && (
        <AddAccountForm
          onCancel={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
      {accounts.data && accounts.data.length > 0 && (
        <ul className="account-list">
          {accounts.data.map((a) => (
            <AccountRow key={a.id} account={a} onChanged={reload} onEdit={() => setEditingId(a.id)} />
          ))}
        </ul>
      )}
      {editing && (
        <EditAccountForm
          key={editing.id}
          account={editing}
          onClose={() => setEditingId(null)}
          onSaved={() => {
            setEditingId(null);
            reload();
          }}
        />
      )}
    </section>
  );
}

function AccountRow({ account, onChanged, onEdit }: { account: AccountView; onChanged(): void; onEdit(): void }) {
  const notify = useUi((s) => s.notify);
  const [removing, setRemoving] = useState(false);
  const [regenerating, setRegenerating] = useState(false);
  const caps = useQuery(`caps:${account.id}`, () => call('accounts:capabilities', { id: account.id }));
  const test = useAction(async () => {
    const r = await call('accounts:test', { id: account.id });
    notify('success', checkSummary(account.name, r));
    caps.reload();
  });
  const remove = useAction(async () => {
    await call('accounts:remove', { id: account.id });
    setRemoving(false);
    notify('success', `${account.name} removed; its key was deleted from the keychain.`);
    onChanged();
  });
  const regenerate = useAction(async () => {
    const a = await call('accounts:regenerate-key', { id: account.id });
    setRegenerating(false);
    notify('success', `New key for ${a.name}: ${a.keyHint ?? 'saved'}. The old key no longer works.`);
    onChanged();
  });
  return (
    <li className="account-row" aria-label={account.name}>
      <div className="account-main">
        <div className="account-title">
          <strong>{account.name}</strong>
          <span className="badge">{PROVIDER_LABEL[account.provider]}</span>
          {account.isSandbox && <span className="badge badge-sandbox">sandbox</span>}
        </div>
        <div className="muted small">
          Key <span className="mono" data-testid="key-hint">{account.keyHint ?? '—'}</span> · <span className="mono">{account.baseUrl}</span>
        </div>
        <div className="muted small">
          {account.lastSync ? `Last sync ${formatDateTime(account.lastSync.finishedAt ?? account.lastSync.startedAt)} (${account.lastSync.status})` : 'Never synced'}
        </div>
        {caps.data && <AccountCapabilities caps={caps.data} onChanged={() => (caps.reload(), onChanged())} />}
        {test.error && <ErrorMessage>{test.error}</ErrorMessage>}
      </div>
      <div className="account-actions">
        <Button small busy={test.busy} onClick={() => void test.run()}>
          Test connection
        </Button>
        {hasChannel('sync:run') && <SyncControl accountId={account.id} accountName={account.name} onDone={onChanged} />}
        <Button small onClick={onEdit}>
          Edit…
        </Button>
        {hasChannel('upstream-reports:statement') && (
          <Link href={`/settings/upstream-transactions/${account.id}`} className="btn btn-secondary btn-small">
            Upstream transactions
          </Link>
        )}
        {caps.data?.regenerateKey && (
          <Button small onClick={() => setRegenerating(true)}>
            Regenerate key
          </Button>
        )}
        <Button small variant="ghost" onClick={() => setRemoving(true)}>
          Remove
        </Button>
      </div>
      {removing && (
        <ConfirmDialog title={`Remove ${account.name}?`} confirmLabel="Remove account" danger busy={remove.busy} error={remove.error} onCancel={() => setRemoving(false)} onConfirm={() => void remove.run()}>
          <p>Its API key is deleted from your keychain. Your books keep every past sale and payment; nothing is changed at the upstream.</p>
        </ConfirmDialog>
      )}
      {regenerating && (
        <ConfirmDialog title={`Regenerate the key of ${account.name}?`} confirmLabel="Regenerate" busy={regenerate.busy} error={regenerate.error} onCancel={() => setRegenerating(false)} onConfirm={() => void regenerate.run()}>
          <p>The upstream issues a new key and revokes the current one. Anything else using the current key stops working.</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
