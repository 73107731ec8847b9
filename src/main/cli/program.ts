import { Command, CommanderError } from 'commander';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CliCommandModule } from './command-module';
import { appVersion, createRuntime, exitCodeFor, reportError, type CliIo, type CliRuntime } from './runtime';

const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'commands');

/** The command modules: every .ts/.js file in commands/ (sorted, so help is stable). */
export async function loadCommandModules(dir = COMMANDS_DIR): Promise<{ file: string; module: CliCommandModule }[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !/\.(d|test|spec)\.[mc]?[tj]s$/.test(f))
    .sort();
  const modules: { file: string; module: CliCommandModule }[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as Partial<CliCommandModule>;
    if (typeof module.register !== 'function') throw new Error(`CLI command module ${file} does not export register(program, cli)`);
    modules.push({ file, module: module as CliCommandModule });
  }
  return modules;
}

export async function buildProgram(io: CliIo, signal: AbortSignal): Promise<{ program: Command; cli: CliRuntime }> {
  const program = new Command('reseller-desk');
  program
    .description('Reseller Desk from the command line: the same ledger and services as the app.')
    .version(appVersion(), '-V, --version')
    .option('--json', 'machine-readable output (JSON on stdout, errors as JSON on stderr)')
    .option('--data-dir <dir>', 'data folder (default: the app\'s, or RESELLER_DESK_DATA_DIR)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(text) });
  const cli = createRuntime(() => program.opts<{ json?: boolean; dataDir?: string }>(), io, signal);
  for (const { module } of await loadCommandModules()) module.register(program, cli);
  // Subcommands inherit the error handling: they throw instead of exiting the process.
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return { program, cli };
}

/** Runs the CLI; returns the exit status instead of exiting (tests call it directly). */
export async function runCli(argv: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const { program, cli } = await buildProgram(io, signal);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "errors" are normal exits; usage errors were already printed by commander.
      return error.exitCode;
    }
    reportError(error, cli.globals().json, io);
    return exitCodeFor(error);
  } finally {
    await cli.close();
  }
}
