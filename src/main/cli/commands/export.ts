import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { EXPORT_KINDS, type ExportDelimiter, type ExportKind } from '../../../shared/contract/exports';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../app-context';
import type { CliRuntime } from '../runtime';

/**
 * `reseller-desk export <kind> --from 2026-01-01 --to 2026-01-31 --out jan.csv`: the
 * month-end job. Same service as the window's Export button, so the same file.
 */
interface ExportOptions {
  from?: string;
  to?: string;
  out: string;
  customer?: string;
  account?: string;
  delimiter: string;
  bom?: boolean;
  tz: string;
}

const DELIMITERS: Record<string, ExportDelimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';' };

export function register(program: Command, cli: CliRuntime): void {
  program
    .command('export')
    .description('write a CSV export for the accountant (written to a temporary file, renamed when complete)')
    .addArgument(program.createArgument('<kind>', 'what to export').choices(EXPORT_KINDS))
    .option('--from <day>', 'first day included, YYYY-MM-DD (in --tz)')
    .option('--to <day>', 'last day included, YYYY-MM-DD (in --tz)')
    .requiredOption('--out <file>', 'the CSV file to write (replaced if it exists)')
    .option('--customer <id-or-email>', 'only this customer')
    .option('--account <id-or-name>', 'only this upstream account')
    .addOption(new Option('--delimiter <delimiter>', 'comma or semicolon').default('comma'))
    .option('--bom', 'start with a UTF-8 byte order mark (for Excel)')
    .option('--tz <zone>', 'IANA time zone for dates and day boundaries, e.g. Europe/Berlin', 'UTC')
    .action(async (kind: ExportKind, options: ExportOptions) => {
      const delimiter = DELIMITERS[options.delimiter.toLowerCase()];
      if (!delimiter) throw new AppError('INVALID_INPUT', `--delimiter must be comma or semicolon, not "${options.delimiter}".`, { field: 'delimiter' });
      const ctx = await cli.context();
      const customerId = options.customer ? resolveCustomer(ctx, options.customer) : undefined;
      const accountId = options.account ? resolveAccount(ctx, options.account) : undefined;
      const result = await withFlagNames(() => ctx.exports.run(
        {
          kind,
          path: resolve(options.out),
          delimiter,
          bom: Boolean(options.bom),
          timeZone: options.tz,
          ...(options.from ? { from: options.from } : {}),
          ...(options.to ? { to: options.to } : {}),
          ...(customerId ? { customerId } : {}),
          ...(accountId ? { accountId } : {}),
        },
        {
          signal: cli.signal,
          onProgress: (p) => {
            if (p.state === 'running') cli.note(`\rExporting ${kind}: ${p.rowsDone.toLocaleString('en-US')} of ${p.rowsTotal.toLocaleString('en-US')} rows`);
            else cli.note('\r\x1b[K');
          },
        },
      ));
      cli.result(`Wrote ${result.rows} ${result.rows === 1 ? 'row' : 'rows'} to ${result.path}`, result);
    });
}

/** The service names request fields (`from: …`); on the command line they are flags (`--from: …`). */
const FLAGS: Record<string, string> = { from: '--from', to: '--to', timeZone: '--tz', path: '--out', customerId: '--customer', accountId: '--account', delimiter: '--delimiter' };

async function withFlagNames<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.field && FLAGS[error.field] && error.message.startsWith(`${error.field}:`)) {
      throw new AppError(error.code, `${FLAGS[error.field]}${error.message.slice(error.field.length)}`, { field: error.field });
    }
    throw error;
  }
}

/** A customer by id, or by email (unique): what a reseller has at hand in a cron line. */
function resolveCustomer(ctx: AppContext, idOrEmail: string): string {
  const row = ctx.ledger.sqlite.prepare('SELECT id FROM customers WHERE id = ? OR email = ? COLLATE NOCASE LIMIT 1').get(idOrEmail, idOrEmail) as { id: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no customer with id or email "${idOrEmail}".`, { field: 'customer' });
  return row.id;
}

/** An upstream account by id, or by its name in the app (names are unique among active accounts). */
function resolveAccount(ctx: AppContext, idOrName: string): string {
  const rows = ctx.ledger.sqlite
    .prepare("SELECT id FROM provider_accounts WHERE id = ? UNION SELECT id FROM provider_accounts WHERE name = ? COLLATE NOCASE AND status = 'active'")
    .all(idOrName, idOrName) as { id: string }[];
  if (rows.length === 0) throw new AppError('NOT_FOUND', `There is no upstream account with id or name "${idOrName}".`, { field: 'account' });
  if (rows.length > 1) throw new AppError('CONFLICT', `"${idOrName}" matches several upstream accounts; use the account id.`, { field: 'account' });
  return rows[0]!.id;
}
