import type { SaleSummary } from '../../../../shared/contract/operations';
import { formatMoney } from '../../../../shared/money';

/** The notice after a port or package is created, wherever it was created from. */
export function createdNotice(what: 'Port' | 'Package', created: { customerName: string | null }, sale: SaleSummary | null): string {
  return `${what} created for ${created.customerName ?? 'the customer'}${sale ? `: charged ${formatMoney(sale.price)}` : ''}.`;
}
