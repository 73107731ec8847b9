import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { CliRuntime } from '../runtime';
import { resolveAccount } from './accounts';

/**
 * `reseller-desk sync`: settle pending operations, then read every account's customers,
 * services, transactions and balance into the books. `reseller-desk operations` lists
 * what is pending or failed.
 */
export function register(program: Command, cli: CliRuntime): void {
  program
    .command('sync')
    .description('check pending operations, then sync upstream accounts into the books')
    .option('--account <account>', 'only this account (id or name)')
    .option('--full', 're-read every list completely')
    .action(async (o: { account?: string; full?: boolean }) => {
      const ctx = await cli.context();
      const accountId = o.account ? resolveAccount(ctx, o.account) : undefined;
      const settled = await ctx.operations.reconcilePending(accountId ? { accountId } : {});
      const runs = await ctx.sync.run({
        ...(accountId ? { accountId } : {}),
        ...(o.full ? { full: true } : {}),
        onProgress: (p) => cli.note(`\r${p.phase} ${p.done}${p.total === null ? '' : `/${p.total}`}   `),
      });
      cli.note('\r\x1b[K');
      const lines = runs.map((r) => `${r.accountId}  ${r.status}  customers +${r.stats.customersCreated}  services +${r.stats.servicesCreated}/~${r.stats.servicesUpdated}  conflicts ${r.stats.conflicts}${r.error ? `  ${r.error.message}` : ''}`);
      // What an upstream does not offer (e.g. its balance), said once per account.
      for (const r of runs) for (const n of new Set(r.stats.notes ?? [])) lines.push(`  ${r.accountId}: ${n}`);
      if (settled.checked) lines.unshift(`Pending operations: ${settled.completed} completed, ${settled.failed} failed, ${settled.stillPending} still pending`);
      cli.result(lines.length ? lines : 'No accounts to sync.', { operations: settled, runs });
      const failed = runs.filter((r) => r.status === 'failed');
      if (failed.length) throw new AppError('UPSTREAM_ERROR', `Sync failed for ${failed.length} account(s): ${failed.map((r) => r.error?.message ?? r.accountId).join('; ')}`);
    });
  const ops = program.command('operations').description('upstream operations that are pending or failed');
  ops
    .command('list', { isDefault: true })
    .option('--failed', 'failed ones only')
    .option('--pending', 'pending ones only')
    .action(async (o: { failed?: boolean; pending?: boolean }) => {
      const ctx = await cli.context();
      const page = ctx.operations.list({ limit: 200, offset: 0, ...(o.failed ? { status: 'failed' as const } : o.pending ? { status: 'pending' as const } : {}) });
      const lines = page.items.map((x) => `${x.id}  ${x.status}  ${x.createdAt}  ${x.description}${x.customerName ? ` for ${x.customerName}` : ''}${x.errorMessage ? `  — ${x.errorMessage}` : ''}`);
      cli.result(lines.length ? lines : 'Nothing pending or failed.', page);
    });
  ops
    .command('reconcile')
    .description('check every pending operation with its upstream now')
    .action(async () => {
      const ctx = await cli.context();
      const s = await ctx.operations.reconcilePending();
      cli.result(`Checked ${s.checked}: ${s.completed} completed, ${s.failed} failed, ${s.stillPending} still pending.`, s);
    });
}
