import type { AccountView, ProviderKindName } from '../../../../shared/contract/accounts';
import { call } from '../../api/client';
import { useQuery } from '../../api/hooks';

/** The active accounts of one upstream kind; `null` data while loading. */
export function useAccountsOf(provider: ProviderKindName) {
  const accounts = useQuery('accounts', () => call('accounts:list'));
  return { ...accounts, data: accounts.data?.filter((a) => a.provider === provider && a.status === 'active') };
}

export function AccountSelect({ id, accounts, value, onChange }: { id: string; accounts: AccountView[]; value: string; onChange(id: string): void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {accounts.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
          {a.isSandbox ? ' (sandbox)' : ''}
        </option>
      ))}
    </select>
  );
}
