import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { hasChannel } from '../../api/client';
import { Planned } from '../../components/planned';
import { Loading, PageHeader } from '../../components/ui';
import { CustomersListPage } from './customers-list-page';

/** A customer's page (forms, statement, money dialogs and their schemas) loads when first opened. */
const CustomerPage = lazy(() => import('./customer-page').then((m) => ({ default: m.CustomerPage })));

/** Routes under /customers: the list, "new" (list + panel), a customer, and its edit panel. */
export function CustomersRoutes() {
  if (!hasChannel('customers:list')) {
    return (
      <div className="page">
        <PageHeader title="Customers" subtitle="The people and companies you resell to." />
        <Planned
          icon="customers"
          title="Customers arrive with the reseller operations"
          items={['A fast, searchable list of every customer', 'Credit, receivable and a statement per customer', 'Record payments, top up, deduct and refund']}
        />
      </div>
    );
  }
  return (
    <Switch>
      <Route path="/">
        <CustomersListPage creating={false} />
      </Route>
      <Route path="/import">
        <CustomersListPage creating={false} importing />
      </Route>
      <Route path="/new">
        <CustomersListPage creating />
      </Route>
      <Route path="/:id/edit">
        {(p) => (
          <Suspense fallback={<Loading active label="Opening the customer…" />}>
            <CustomerPage id={p.id} editing />
          </Suspense>
        )}
      </Route>
      <Route path="/:id">
        {(p) => (
          <Suspense fallback={<Loading active label="Opening the customer…" />}>
            <CustomerPage id={p.id} editing={false} />
          </Suspense>
        )}
      </Route>
    </Switch>
  );
}
