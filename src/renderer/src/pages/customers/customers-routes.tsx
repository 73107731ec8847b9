import { Route, Switch } from 'wouter';
import { hasChannel } from '../../api/client';
import { Planned } from '../../components/planned';
import { PageHeader } from '../../components/ui';
import { CustomerPage } from './customer-page';
import { CustomersListPage } from './customers-list-page';

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
      <Route path="/:id/edit">{(p) => <CustomerPage id={p.id} editing />}</Route>
      <Route path="/:id">{(p) => <CustomerPage id={p.id} editing={false} />}</Route>
    </Switch>
  );
}
