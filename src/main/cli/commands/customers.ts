import type { Command } from 'commander';
import { CUSTOMER_STATUSES, customerCreateSchema, type CustomerStatusName } from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import type { CliRuntime } from '../runtime';
import { money, parseWhole } from './accounts';

/** `reseller-desk customers list|create`. */
export function register(program: Command, cli: CliRuntime): void {
  const customers = program.command('customers').description('your customers');
  customers
    .command('list', { isDefault: true })
    .description('list customers with their credit and what they owe')
    .option('--search <text>', 'name, email, company or external id starts with')
    .option('--status <status>', `one of ${CUSTOMER_STATUSES.join(', ')}`)
    .option('--limit <n>', 'at most this many', '100')
    .action(async (o: { search?: string; status?: string; limit: string }) => {
      if (o.status && !(CUSTOMER_STATUSES as readonly string[]).includes(o.status)) {
        throw new AppError('INVALID_INPUT', `--status must be one of ${CUSTOMER_STATUSES.join(', ')}`, { field: 'status' });
      }
      const ctx = await cli.context();
      const page = ctx.customers.list({
        sort: 'name',
        direction: 'asc',
        limit: Math.min(100, parseWhole(o.limit, '--limit')),
        offset: 0,
        ...(o.search ? { search: o.search } : {}),
        ...(o.status ? { status: o.status as CustomerStatusName } : {}),
      });
      const lines = page.items.map((c) => `${c.id}  ${c.name} <${c.email}>  ${c.status}  credit ${money(c.credit)}  owes ${money(c.receivable)}  ports ${c.portSlotQuota}`);
      lines.push(`${page.items.length} of ${page.total} customer(s)`);
      cli.result(lines, page);
    });
  customers
    .command('create')
    .description('create a customer (linked to an upstream account on first use)')
    .requiredOption('--email <email>', 'email (unique)')
    .requiredOption('--name <name>', 'name')
    .option('--company <company>', 'company')
    .option('--external-id <id>', 'your own id for this customer')
    .option('--quota <ports>', 'port-slot quota (Proxies.sx ports at once)', '0')
    .option('--gb <gb>', 'traffic allocation in GB', '0')
    .option('--tag <tag...>', 'tags')
    .action(async (o: { email: string; name: string; company?: string; externalId?: string; quota: string; gb: string; tag?: string[] }) => {
      const parsed = customerCreateSchema.safeParse({
        email: o.email,
        name: o.name,
        ...(o.company ? { company: o.company } : {}),
        ...(o.externalId ? { externalId: o.externalId } : {}),
        portSlotQuota: parseWhole(o.quota, '--quota', 0),
        trafficGbAllocation: parseWhole(o.gb, '--gb', 0),
        ...(o.tag ? { tags: o.tag } : {}),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.map(String).join('.') ?? 'input';
        throw new AppError('INVALID_INPUT', `--${field}: ${issue?.message ?? 'is invalid'}`, { field });
      }
      const ctx = await cli.context();
      const c = ctx.customers.create(parsed.data);
      cli.result(`Created ${c.name} <${c.email}>, id ${c.id}`, c);
    });
}
