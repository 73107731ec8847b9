import type { Command } from 'commander';
import { KeychainSecretStore } from '../../secrets/keychain-store';
import { runDemo } from '../../services/demo/demo-business';
import { appVersion, type CliRuntime } from '../runtime';
import { money, parseWhole } from './accounts';

/**
 * `reseller-desk demo`: fills an empty data folder with a realistic business, using the
 * embedded sandbox (its state under <data dir>/sandbox). Opens its own app context, whose
 * clock follows the sandbox's simulated months.
 */
export function register(program: Command, cli: CliRuntime): void {
  program
    .command('demo')
    .description('fill an empty data folder and the embedded sandbox with a demo business (customers, payments, ports, packages over several months)')
    .option('--customers <n>', 'how many customers', '40')
    .option('--months <n>', 'how many months to simulate', '4')
    .option('--seed <n>', 'random seed (same seed, same business)', '2026')
    .action(async (o: { customers: string; months: string; seed: string }) => {
      const { dataDir } = cli.globals();
      const summary = await runDemo({
        dataDir,
        keychain: new KeychainSecretStore(),
        version: appVersion(),
        customers: parseWhole(o.customers, '--customers'),
        months: parseWhole(o.months, '--months'),
        seed: parseWhole(o.seed, '--seed', 0),
        onProgress: (text) => cli.note(text),
        signal: cli.signal,
      });
      cli.result(
        [
          `Demo business written to ${summary.dataDir} (${summary.from.slice(0, 10)} → ${summary.to.slice(0, 10)})`,
          `  ${summary.customers} customers, ${summary.payments} payments, ${summary.topUps} top-ups`,
          `  ${summary.ports} ports (${summary.activePorts} active), ${summary.packages} packages, ${summary.sales} sales`,
          `  revenue ${money(summary.revenue)}, cost ${money(summary.cost)}, profit ${money(summary.profit)}`,
          `  operations: ${summary.operations.completed} completed, ${summary.operations.failed} refused, ${summary.operations.pending} pending`,
          `  sandbox state: ${summary.sandboxStateDir}`,
          ...(summary.keysInMemoryOnly ? ['  note: no system keychain here, so the sandbox keys were kept in memory for this run only'] : []),
        ],
        summary,
      );
    });
}
