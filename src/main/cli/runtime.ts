import { readFileSync } from 'node:fs';
import { createAppContext, type AppContext } from '../app-context';
import { resolveDataDir } from '../data-dir';
import { KeychainSecretStore } from '../secrets/keychain-store';
import { AppError, isAppError } from '../../shared/errors';

/**
 * What every CLI command gets: the global options, the app context (created on first
 * use, so `--help` never opens the ledger), and the one way to print results and errors.
 */
export interface GlobalOptions {
  json: boolean;
  dataDir: string;
}

export interface CliRuntime {
  globals(): GlobalOptions;
  context(): Promise<AppContext>;
  /** Prints a result: `human` lines by default, `json` (one JSON document) with --json. */
  result(human: string | string[], json: unknown): void;
  /** Progress and notes for people, on stderr; silent with --json or when stderr is not a terminal. */
  note(text: string): void;
  /** Aborted on Ctrl-C (SIGINT) and SIGTERM so long commands can clean up. */
  readonly signal: AbortSignal;
  close(): Promise<void>;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stderrIsTty: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: Boolean(process.stderr.isTTY),
};

export function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function createRuntime(readGlobals: () => { json?: boolean; dataDir?: string }, io: CliIo, signal: AbortSignal): CliRuntime {
  let ctx: Promise<AppContext> | null = null;
  const globals = (): GlobalOptions => {
    const g = readGlobals();
    return { json: Boolean(g.json), dataDir: g.dataDir?.trim() || resolveDataDir() };
  };
  return {
    globals,
    context() {
      ctx ??= createAppContext({ dataDir: globals().dataDir, secrets: new KeychainSecretStore(), version: appVersion(), fileLogs: true });
      return ctx;
    },
    result(human, json) {
      if (globals().json) io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      else io.stdout(`${(Array.isArray(human) ? human : [human]).join('\n')}\n`);
    },
    note(text) {
      if (!globals().json && io.stderrIsTty) io.stderr(text);
    },
    signal,
    async close() {
      if (ctx) await (await ctx).close();
    },
  };
}

/** An error as the CLI reports it: the AppError's code and message, never a stack. */
export function describeError(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error && error.name === 'CommanderError') return { code: 'INVALID_INPUT', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Something went wrong inside Reseller Desk: ${message}` };
}

export function reportError(error: unknown, json: boolean, io: CliIo): void {
  const { code, message } = describeError(error);
  if (json) io.stderr(`${JSON.stringify({ error: { code, message } })}\n`);
  else io.stderr(`reseller-desk: ${message}\n`);
}

/** Exit status: 1 for errors the user can fix, 130 for Ctrl-C (the shell convention). */
export function exitCodeFor(error: unknown): number {
  return isAppError(error) && error.code === 'CANCELLED' ? 130 : 1;
}

export { AppError };
