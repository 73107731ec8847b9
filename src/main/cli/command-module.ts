import type { Command } from 'commander';
import type { CliRuntime } from './runtime';

/**
 * One file in src/main/cli/commands/ per command (or group of commands). The CLI loads
 * every module there and calls its `register`; a command's action throws AppError for
 * anything the user can fix, and prints through `cli.result` (human or --json).
 *
 *   export function register(program: Command, cli: CliRuntime) {
 *     program.command('accounts').description('…').action(async () => { … });
 *   }
 */
export interface CliCommandModule {
  register(program: Command, cli: CliRuntime): void;
}
