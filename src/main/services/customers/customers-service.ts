import type {
  CustomerCreate,
  CustomerDetail,
  CustomerFilters,
  CustomerIdList,
  CustomerListQuery,
  CustomerPage,
  CustomerStatusName,
  CustomerUpdate,
} from '../../../shared/contract/customers';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { listCustomerIds, listCustomers } from './customer-search';
import { createCustomer, getCustomerDetail, setCustomerStatus, updateCustomer } from './customer-store';

/** Customer use cases for the screens; the functions underneath are synchronous for other services. */
export interface CustomersService {
  list(query: CustomerListQuery): CustomerPage;
  /** Every id the list's filters match, for a bulk action on all of them. */
  ids(filters: CustomerFilters): CustomerIdList;
  get(id: string): CustomerDetail;
  create(input: CustomerCreate): CustomerDetail;
  update(input: CustomerUpdate): CustomerDetail;
  setStatus(id: string, status: CustomerStatusName): CustomerDetail;
}

export function createCustomersService(deps: { ledger: Ledger; clock: Clock; bus: EventBus }): CustomersService {
  const { sqlite } = deps.ledger;
  const changed = (id: string): CustomerDetail => {
    deps.bus.emit('event:customer-changed', { customerId: id });
    return getCustomerDetail(sqlite, id, deps.clock.now());
  };
  return {
    list: (query) => listCustomers(sqlite, query, deps.clock.now()),
    ids: (filters) => ({ ids: listCustomerIds(sqlite, filters, deps.clock.now()) }),
    get: (id) => getCustomerDetail(sqlite, id, deps.clock.now()),
    create: (input) => changed(createCustomer(sqlite, input, deps.clock.now()).id),
    update: (input) => changed(updateCustomer(sqlite, input, deps.clock.now()).id),
    setStatus: (id, status) => changed(setCustomerStatus(sqlite, id, status, deps.clock.now()).id),
  };
}
