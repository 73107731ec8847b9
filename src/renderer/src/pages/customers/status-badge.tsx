import type { CustomerStatusName } from '../../../../shared/contract/customers';

const LABEL: Record<CustomerStatusName, string> = { active: 'Active', suspended: 'Suspended', archived: 'Archived' };

export function StatusBadge({ status }: { status: CustomerStatusName }) {
  return <span className={`badge badge-${status}`}>{LABEL[status] ?? status}</span>;
}
