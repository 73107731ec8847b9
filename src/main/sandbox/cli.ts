import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_PROFILE, parseProfile, type SandboxProfile } from './core/profile';
import { startSandbox } from './index';

/**
 * `npm run sandbox`: both simulated upstream APIs on fixed local ports, state kept in
 * ./.sandbox-state (or in memory), until Ctrl-C / SIGTERM.
 */
function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('a port number from 0 to 65535');
  return n;
}

/** RESELLER_DESK_SANDBOX_PROFILE, when set, replaces the built-in default (the flag still wins). */
function defaultProfile(): SandboxProfile {
  const env = process.env.RESELLER_DESK_SANDBOX_PROFILE;
  if (!env) return DEFAULT_PROFILE;
  try {
    return parseProfile(env);
  } catch {
    process.stderr.write(`RESELLER_DESK_SANDBOX_PROFILE=${env} is not a sandbox profile: use documented or extended.\n`);
    process.exit(1);
  }
}

const program = new Command()
  .name('sandbox')
  .description('Run the Proxies.sx and Whozex sandbox APIs locally')
  .option('--psx-port <port>', 'Proxies.sx port (0 = any free port)', port, 4410)
  .option('--whozex-port <port>', 'Whozex port (0 = any free port)', port, 4420)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--state <dir>', 'folder that keeps sandbox state between runs', './.sandbox-state')
  .option('--memory', 'keep state in memory only (nothing written to disk)', false)
  .option(
    '--profile <profile>',
    'documented = only what the upstream documents promise; extended = plus the sandbox\'s assumed extras',
    (v: string) => {
      try {
        return parseProfile(v);
      } catch {
        throw new InvalidArgumentError('documented or extended');
      }
    },
    defaultProfile(),
  )
  .parse();

const opts = program.opts<{ psxPort: number; whozexPort: number; host: string; state: string; memory: boolean; profile: SandboxProfile }>();

async function main(): Promise<void> {
  const stateDir = opts.memory ? undefined : resolve(opts.state);
  const sandbox = await startSandbox({
    host: opts.host,
    proxiesSxPort: opts.psxPort,
    whozexPort: opts.whozexPort,
    profile: opts.profile,
    ...(stateDir ? { stateDir } : {}),
  });
  const lines = [
    `Reseller Desk sandbox is running (sandbox time ${sandbox.clock.nowIso()})`,
    `Profile: ${sandbox.profile}${
      sandbox.profile === 'documented'
        ? ' (only documented routes; Idempotency-Key ignored; documented webhook shapes)'
        : ' (documented routes plus assumed extras: see src/main/sandbox/core/profile-routes.ts)'
    }`,
    '',
    `Proxies.sx  ${sandbox.proxiesSx.baseUrl}`,
    `  X-API-Key: ${sandbox.proxiesSx.apiKey}`,
    `  sign-in:   ${sandbox.proxiesSx.email} / ${sandbox.proxiesSx.password}`,
    `Whozex      ${sandbox.whozex.baseUrl}`,
    `  X-API-Key: ${sandbox.whozex.apiKey}`,
    `Admin       ${sandbox.proxiesSx.origin}/__admin  (clock, faults, webhook deliveries, rate limit)`,
    '',
    `State: ${stateDir ?? 'in memory (lost on exit)'}`,
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
    sandbox.close().then(
      () => {
        process.stdout.write('Sandbox stopped.\n', () => process.exit(0));
      },
      (e: unknown) => {
        process.stderr.write(`Sandbox did not close cleanly: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  process.stderr.write(
    err.code === 'EADDRINUSE' ? `A sandbox port is already in use (${err.message}). Pick others with --psx-port / --whozex-port.\n` : `Sandbox failed to start: ${err.message}\n`,
  );
  process.exit(1);
});
