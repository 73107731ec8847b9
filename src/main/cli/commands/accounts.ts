import { Option, type Command } from 'commander';
import { PROVIDER_KINDS, type AccountCapabilitiesView, type AccountView, type ProviderKindName } from '../../../shared/contract/accounts';
import { AppError } from '../../../shared/errors';
import { decimalToMinor, formatMoney, MoneyFormatError, type Minor } from '../../../shared/money';
import type { AppContext } from '../../app-context';
import type { CliRuntime } from '../runtime';

/**
 * `reseller-desk accounts list|add`. Also the small helpers the other operation commands
 * share (an account or customer by id, name or email; money typed as "12.50").
 */

/** An upstream account by id, or by its name in the app. */
export function resolveAccount(ctx: AppContext, idOrName: string): string {
  const rows = ctx.ledger.sqlite
    .prepare("SELECT id FROM provider_accounts WHERE status = 'active' AND (id = ? OR name = ? COLLATE NOCASE)")
    .all(idOrName, idOrName) as { id: string }[];
  if (rows.length === 0) throw new AppError('NOT_FOUND', `There is no upstream account with id or name "${idOrName}". See: reseller-desk accounts list`, { field: 'account' });
  if (rows.length > 1) throw new AppError('CONFLICT', `"${idOrName}" matches several upstream accounts; use the account id.`, { field: 'account' });
  return rows[0]!.id;
}

/** A customer by id or by email. */
export function resolveCustomer(ctx: AppContext, idOrEmail: string): string {
  const id = ctx.ledger.sqlite.prepare('SELECT id FROM customers WHERE id = ? OR email = ? COLLATE NOCASE LIMIT 1').pluck().get(idOrEmail, idOrEmail) as string | undefined;
  if (!id) throw new AppError('NOT_FOUND', `There is no customer with id or email "${idOrEmail}". See: reseller-desk customers list`, { field: 'customer' });
  return id;
}

/** "12.50" or "12" (dollars, exact decimal text) → cents. */
export function parseAmount(text: string, flag = 'amount'): Minor {
  let cents: Minor;
  try {
    cents = decimalToMinor(text.replace(/^\$/, ''));
  } catch (e) {
    if (e instanceof MoneyFormatError) throw new AppError('INVALID_INPUT', `${flag}: "${text}" is not an amount like 12.50`, { field: flag });
    throw e;
  }
  if (cents <= 0) throw new AppError('INVALID_INPUT', `${flag}: must be more than 0.00`, { field: flag });
  return cents;
}

export function parseWhole(text: string, flag: string, min = 1): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new AppError('INVALID_INPUT', `${flag}: must be a whole number of at least ${min}`, { field: flag });
  return Number(text);
}

/** Settles what a previous run left pending before a command changes anything upstream. */
export async function settlePending(ctx: AppContext, cli: CliRuntime): Promise<void> {
  const s = await ctx.operations.reconcilePending();
  if (s.checked > 0) cli.note(`Checked ${s.checked} pending operation(s) with the upstream: ${s.completed} completed, ${s.failed} failed, ${s.stillPending} still pending.\n`);
}

export const money = (minor: Minor) => formatMoney(minor);

function line(a: AccountView, balance: Minor, booksOnly: boolean): string {
  const source = booksOnly ? ' (the upstream does not report it: the books are the source)' : '';
  return `${a.id}  ${a.provider.padEnd(10)}  ${a.name}${a.isSandbox ? ' (sandbox)' : ''}  balance in the books ${money(balance)}${source}  key ${a.keyHint ?? '—'}`;
}

/** What an account's upstream lacks, in the same words as the window. */
function capabilityLines(caps: AccountCapabilitiesView, all = false): string[] {
  const out: string[] = [];
  for (const c of caps.assumed ?? []) {
    if (!all && c.state !== 'absent') continue;
    out.push(`  ${c.label}: ${c.state === 'absent' ? 'not offered' : c.state === 'present' ? 'offered' : 'not checked yet'}. ${c.message}`);
  }
  return out;
}

/** "12.50", "0" or "-3.10" → cents (a balance may be zero or negative). */
function parseBalance(text: string): Minor {
  const negative = text.trim().startsWith('-');
  try {
    const cents = decimalToMinor(text.trim().replace(/^-/, '').replace(/^\$/, ''));
    return negative ? -cents : cents;
  } catch (e) {
    if (e instanceof MoneyFormatError) throw new AppError('INVALID_INPUT', `balance: "${text}" is not an amount like 12.50`, { field: 'balance' });
    throw e;
  }
}

export function register(program: Command, cli: CliRuntime): void {
  const accounts = program.command('accounts').description('upstream reseller accounts (Proxies.sx, Whozex)');
  accounts
    .command('list', { isDefault: true })
    .description('list the upstream accounts and their balances in the books')
    .action(async () => {
      const ctx = await cli.context();
      const list = ctx.accounts.list();
      const summary = ctx.accounts.summary({ includeSandbox: true });
      const balance = (id: string) => summary.accounts.find((l) => l.accountId === id)?.ledgerBalance ?? 0;
      const booksOnly = (id: string) => ctx.accounts.capabilities(id).balanceSource === 'books';
      cli.result(list.length ? list.map((a) => line(a, balance(a.id), booksOnly(a.id))) : 'No upstream accounts yet. Add one: reseller-desk accounts add --provider proxies-sx --name "Main" --key …', {
        accounts: list.map((a) => ({ ...a, ledgerBalance: balance(a.id) })),
      });
    });
  accounts
    .command('add')
    .description('add an upstream account (the key is checked with the upstream, then kept in the system keychain)')
    .addOption(new Option('--provider <provider>', 'which upstream').choices([...PROVIDER_KINDS]).makeOptionMandatory())
    .requiredOption('--name <name>', 'your name for this account')
    .option('--key <key>', 'API key (or set RESELLER_DESK_API_KEY, which keeps it out of the shell history)')
    .option('--base-url <url>', 'API address (default: the upstream\'s)')
    .option('--opening-balance <amount>', 'your balance at the upstream now: opens the books if the upstream does not report it (Proxies.sx)')
    .action(async (o: { provider: ProviderKindName; name: string; key?: string; baseUrl?: string; openingBalance?: string }) => {
      const apiKey = o.key ?? process.env.RESELLER_DESK_API_KEY;
      if (!apiKey) throw new AppError('INVALID_INPUT', 'Give the API key with --key or the RESELLER_DESK_API_KEY environment variable.', { field: 'key' });
      const openingBalance = o.openingBalance !== undefined ? parseBalance(o.openingBalance) : undefined;
      if (openingBalance !== undefined && openingBalance < 0) throw new AppError('INVALID_INPUT', 'opening-balance: must be 0.00 or more', { field: 'openingBalance' });
      const ctx = await cli.context();
      const added = await ctx.accounts.add({ provider: o.provider, name: o.name, apiKey, ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}), ...(openingBalance !== undefined ? { openingBalance } : {}) });
      const caps = ctx.accounts.capabilities(added.id);
      const lines = [`Added ${added.name} (${added.provider}), id ${added.id}, key ${added.keyHint}`, ...capabilityLines(caps)];
      if (caps.balanceSource === 'books' && openingBalance === undefined) {
        lines.push(`  Set the opening balance in the books: reseller-desk accounts set-balance "${added.name}" <amount>`);
      }
      cli.result(lines, { ...added, capabilities: caps });
    });

  accounts
    .command('test <account>')
    .description('check the key with a documented read and learn again what the upstream offers')
    .action(async (account: string) => {
      const ctx = await cli.context();
      const id = resolveAccount(ctx, account);
      const check = await ctx.accounts.test(id);
      const head =
        check.upstreamBalance !== null
          ? `The upstream answered: balance ${money(check.upstreamBalance)}`
          : `The upstream answered. Balance in the books: ${money(check.booksBalance ?? 0)}`;
      cli.result([head, ...(check.notes ?? []).map((n) => `  ${n}`)], check);
    });

  accounts
    .command('capabilities <account>')
    .description('what the upstream offers beyond its documents, as learned for this account')
    .option('--check', 'ask the upstream again now (OpenAPI document, else one probe of each undocumented read)')
    .action(async (account: string, o: { check?: boolean }) => {
      const ctx = await cli.context();
      const id = resolveAccount(ctx, account);
      const caps = o.check ? await ctx.accounts.checkCapabilities(id) : ctx.accounts.capabilities(id);
      const when = caps.checkedAt ? `Checked ${caps.checkedAt}${caps.checkSource ? ` (${caps.checkSource === 'openapi' ? 'OpenAPI document' : 'probed'})` : ''}` : 'Not checked yet: only documented routes are used.';
      cli.result([when, ...(caps.checkError ? [`  The last check failed: ${caps.checkError}`] : []), ...capabilityLines(caps, true)], caps);
    });

  accounts
    .command('set-balance <account> <amount>')
    .description('set the balance in the books where the upstream does not report it (shows the entry; --yes posts it)')
    .option('--yes', 'post the adjusting entry shown')
    .action(async (account: string, amount: string, o: { yes?: boolean }) => {
      const ctx = await cli.context();
      const id = resolveAccount(ctx, account);
      const target = parseBalance(amount);
      const preview = ctx.accounts.previewBooksBalance(id, target);
      const shown = [
        preview.reason,
        `${preview.description}.`,
        `Books now ${money(preview.current)}; the entry posts ${money(preview.difference)} to the upstream account against owner's equity.`,
      ];
      if (!o.yes) {
        cli.result([...shown, 'Nothing was posted. Run again with --yes to post this entry.'], preview);
        return;
      }
      const done = ctx.accounts.setBooksBalance({ id, balance: target, expectedCurrent: preview.current });
      cli.result([...shown, done.transactionId ? `Posted (transaction ${done.transactionId}).` : 'Nothing to post: the books already say so.'], done);
    });
}
