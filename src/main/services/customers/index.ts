/** Customer functions other services call inside their own SQLite transaction. */
export { findCustomerByUpstreamId, linkCustomer, listCustomerLinks, upstreamIdOf } from './customer-links';
export { listCustomerIds, listCustomers } from './customer-search';
export { createCustomer, getCustomer, getCustomerDetail, setCustomerStatus, toCustomer, updateCustomer } from './customer-store';
export { createCustomersService, type CustomersService } from './customers-service';
