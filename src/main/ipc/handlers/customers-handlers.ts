import type { customerChannels } from '../../../shared/contract/customers';
import type { AppContext } from '../../app-context';
import type { Handlers } from '../dispatcher';

export function createCustomersHandlers(ctx: AppContext): Pick<Handlers, keyof typeof customerChannels> {
  return {
    'customers:list': (query) => ctx.customers.list(query),
    'customers:ids': (filters) => ctx.customers.ids(filters),
    'customers:get': ({ id }) => ctx.customers.get(id),
    'customers:create': (input) => ctx.customers.create(input),
    'customers:update': (input) => ctx.customers.update(input),
    'customers:set-status': ({ id, status }) => ctx.customers.setStatus(id, status),
    'customers:statement': (input) => ctx.money.statement(input),
  };
}
