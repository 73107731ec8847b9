import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox';
import type { AccountView } from '../../src/shared/contract/accounts';
import { accountBalance, ledgerAccounts as A } from '../../src/main/ledger/journal';
import { openApp, type ChildConfig } from './app-process';
import { customerEmail, prng, SOAK_CUSTOMERS } from './plan';
import { snapshotUpstream, verifySoak, type SoakVerdict, type UpstreamSnapshot } from './verify';

/**
 * The soak: N operations against the sandbox (real HTTP, in this process, state on disk)
 * by app processes (children) that are SIGKILLed at random and started again; every
 * upstream request has a fault drawn from the sandbox's injector (set through its admin
 * endpoint). At the end, with faults off, one last app process reconciles what is
 * pending, and the ledger is compared with the upstream's own tables.
 */
export interface SoakOptions {
  ops: number;
  kills: number;
  seed: number;
  /** Per-request fault probabilities (their sum is the target fault rate). */
  faults?: { timeoutRate: number; rateLimitStormRate: number; errorRate: number; dropAfterCommitRate: number };
  keep?: boolean;
  log?: (line: string) => void;
  /** Changes the upstream just before the check: only for the test that proves the check can fail. */
  tamperBeforeVerify?: (sandbox: RunningSandbox) => void;
}

export const DEFAULT_FAULTS = { timeoutRate: 0.03, rateLimitStormRate: 0.05, errorRate: 0.09, dropAfterCommitRate: 0.06 };

export interface SoakFigures {
  seed: number;
  opsPlanned: number;
  stepsStarted: number;
  outcomes: Record<string, number>;
  byKind: Record<string, number>;
  interruptedByKill: number;
  kills: number;
  restarts: number;
  pendingFoundAtStart: number;
  reconciledAtStart: { completed: number; failed: number; stillPending: number };
  upstreamRequests: number;
  faults: Record<string, number>;
  faultRate: number;
  unexpected: string[];
  verdict: SoakVerdict;
  seconds: number;
  dataDir: string;
}

/** Counts faults by kind by watching the injector's draws (each kind has its own rate). */
function countFaults(sandbox: RunningSandbox, rates: Required<SoakOptions>['faults']): Record<string, number> {
  const counts: Record<string, number> = { timeout: 0, '429 storm': 0, '5xx': 0, 'dropped after commit': 0 };
  const byRate = new Map<number, string>([
    [rates.timeoutRate, 'timeout'],
    [rates.rateLimitStormRate, '429 storm'],
    [rates.errorRate, '5xx'],
    [rates.dropAfterCommitRate, 'dropped after commit'],
  ]);
  if (byRate.size !== 4) throw new Error('Each fault kind needs its own rate so the counts can tell them apart');
  const roll = sandbox.faults.roll.bind(sandbox.faults);
  sandbox.faults.roll = (rate: number) => {
    const hit = roll(rate);
    const kind = byRate.get(rate);
    if (hit && kind) counts[kind]!++;
    return hit;
  };
  return counts;
}

async function admin(sandbox: RunningSandbox, method: 'PUT' | 'DELETE', body?: unknown): Promise<void> {
  const res = await fetch(`${sandbox.whozex.origin}/__admin/faults`, {
    method,
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`sandbox faults ${method}: ${res.status} ${await res.text()}`);
}

interface ChildRun {
  lastStarted: number;
  lastDone: number;
  killed: boolean;
  finished: boolean;
  ready?: { pendingAtStart: number; reconciled: { completed: number; failed: number; stillPending: number }; quickCheck: string };
  final?: { pending: number; unexpected: string[] };
  crash?: string;
}

/** Runs one app process; kills it with SIGKILL when `killAt` (a step index) starts, after a short random delay. */
function runChild(config: ChildConfig, killAt: number | null, random: () => number, figures: SoakFigures): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'child.ts')], {
      env: { ...process.env, SOAK_CHILD: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: ChildRun = { lastStarted: config.from - 1, lastDone: config.from - 1, killed: false, finished: false };
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const kill = () => {
      if (run.killed || child.exitCode !== null) return;
      run.killed = true;
      child.kill('SIGKILL');
    };
    createInterface({ input: child.stdout }).on('line', (line) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // a library's stray output
      }
      switch (msg.type) {
        case 'ready':
          run.ready = msg as unknown as ChildRun['ready'];
          break;
        case 'start':
          run.lastStarted = msg.i as number;
          figures.stepsStarted++;
          figures.byKind[msg.kind as string] = (figures.byKind[msg.kind as string] ?? 0) + 1;
          // Mid-operation: within the next few milliseconds the request is in flight, committed, or being posted.
          if (killAt !== null && (msg.i as number) >= killAt) setTimeout(kill, Math.floor(random() * 40));
          break;
        case 'op': {
          run.lastDone = msg.i as number;
          if (killAt !== null && (msg.i as number) > killAt) kill(); // the timer was too slow: kill before the next step
          const outcome = msg.outcome as string;
          figures.outcomes[outcome] = (figures.outcomes[outcome] ?? 0) + 1;
          if (outcome === 'INTERNAL') figures.unexpected.push(`step ${String(msg.i)} ${String(msg.kind)}: INTERNAL ${String(msg.message)}`);
          break;
        }
        case 'unexpected':
          figures.unexpected.push(...(msg.errors as string[]));
          break;
        case 'final':
          run.final = msg as unknown as ChildRun['final'];
          break;
        case 'done':
          run.finished = true;
          break;
        case 'crash':
          run.crash = msg.error as string;
          break;
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!run.killed && code !== 0) run.crash ??= `exit ${code}: ${stderr}`;
      resolve(run);
    });
  });
}

export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const rates = options.faults ?? DEFAULT_FAULTS;
  const root = mkdtempSync(join(tmpdir(), 'reseller-desk-soak-'));
  const dataDir = join(root, 'app');
  const secretsFile = join(root, 'secrets.json');
  // Upstreams that serve only their documents: Idempotency-Key is never deduplicated, so every
  // lost answer must be settled by looking (issue 15); port extend (assumed) is refused upstream.
  const sandbox = await startSandbox({ profile: 'documented', stateDir: join(root, 'sandbox'), autoDeliverWebhooks: false, rateLimit: { perSecond: 100_000, burst: 100_000 } });
  let upstreamRequests = 0;
  const take = sandbox.rateLimit.take.bind(sandbox.rateLimit);
  sandbox.rateLimit.take = (key: string) => {
    upstreamRequests++;
    return take(key);
  };
  const figures: SoakFigures = {
    seed: options.seed,
    opsPlanned: options.ops,
    stepsStarted: 0,
    outcomes: {},
    byKind: {},
    interruptedByKill: 0,
    kills: 0,
    restarts: 0,
    pendingFoundAtStart: 0,
    reconciledAtStart: { completed: 0, failed: 0, stillPending: 0 },
    upstreamRequests: 0,
    faults: {},
    faultRate: 0,
    unexpected: [],
    verdict: undefined as unknown as SoakVerdict,
    seconds: 0,
    dataDir,
  };
  const base: Omit<ChildConfig, 'mode' | 'from' | 'to'> = { dataDir, secretsFile, clockMs: sandbox.clock.now(), seed: options.seed };
  try {
    // Setup, in one clean app run: both upstream accounts, a pricebook, the customers, and
    // upstream balances large enough for the whole soak (recorded as deposits).
    const setup = await openApp({ ...base, mode: 'run', from: 0, to: 0 });
    const call = async <T>(channel: string, input?: unknown): Promise<T> => {
      const r = await setup.dispatch(channel, input);
      if (!r.ok) throw new Error(`setup ${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    const psx = await call<AccountView>('accounts:add', { provider: 'proxies-sx', name: 'Soak PSX', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: sandbox.proxiesSx.apiKey });
    const wzx = await call<AccountView>('accounts:add', { provider: 'whozex', name: 'Soak WZX', baseUrl: sandbox.whozex.baseUrl, apiKey: sandbox.whozex.apiKey });
    await call('pricing:update', { mode: 'margin', port: { marginPercent: '25' }, traffic: { marginPercent: '25' } });
    for (let n = 0; n < SOAK_CUSTOMERS; n++) await call('customers:create', { email: customerEmail(n), name: `Soak customer ${n}`, portSlotQuota: 100_000, trafficGbAllocation: 100_000 });
    const FUNDS = 50_000_000;
    sandbox.proxiesSx.db.prepare('UPDATE psx_resellers SET balance_cents = ?').run(FUNDS);
    sandbox.whozex.db.prepare('UPDATE wzx_resellers SET balance_cents = ?').run(FUNDS);
    for (const account of [psx, wzx]) {
      const local = accountBalance(setup.ctx.ledger.sqlite, A.upstream(account.id));
      if (FUNDS !== local) await call('money:deposit', { accountId: account.id, amount: FUNDS - local, note: 'Soak funds' });
    }
    await setup.ctx.close();
    const before: UpstreamSnapshot = snapshotUpstream(sandbox, dataDir);

    const faultCounts = countFaults(sandbox, rates);
    await admin(sandbox, 'PUT', { ...rates, timeoutMs: 1_200, seed: options.seed });

    const random = prng(options.seed);
    // Exactly `kills` kills, spread over the run: each process is killed at a random step
    // after its start, leaving room for the kills still to come.
    let killsLeft = Math.min(options.kills, Math.max(0, options.ops - 2));
    const meanGap = Math.max(2, Math.floor(options.ops / (killsLeft + 1)));
    let next = 0;
    while (next < options.ops) {
      const latest = options.ops - killsLeft - 1;
      const killAt = killsLeft > 0 ? Math.max(next, Math.min(next + 1 + Math.floor(random() * 2 * meanGap), latest)) : null;
      const run = await runChild({ ...base, mode: 'run', from: next, to: options.ops }, killAt, random, figures);
      if (run.crash) throw new Error(`The app process crashed (not killed): ${run.crash}`);
      if (run.ready) {
        figures.pendingFoundAtStart += run.ready.pendingAtStart;
        figures.reconciledAtStart.completed += run.ready.reconciled.completed;
        figures.reconciledAtStart.failed += run.ready.reconciled.failed;
        figures.reconciledAtStart.stillPending += run.ready.reconciled.stillPending;
        if (run.ready.quickCheck !== 'ok') throw new Error(`quick_check after restart: ${run.ready.quickCheck}`);
      }
      if (run.killed) {
        figures.kills++;
        figures.restarts++;
        const interrupted = run.lastStarted > run.lastDone;
        if (interrupted) figures.interruptedByKill++;
        // The interrupted step is not repeated: its fate is the reconciler's business.
        next = Math.max(run.lastStarted + 1, next);
        killsLeft--;
        log(`  killed at step ${run.lastStarted}${interrupted ? ' (mid-operation)' : ''}; restarting at ${next}`);
      } else if (run.finished) {
        next = options.ops;
      } else {
        throw new Error('The app process stopped without finishing');
      }
    }

    // Faults off; one last process reconciles what is left.
    await admin(sandbox, 'DELETE');
    const final = await runChild({ ...base, mode: 'final', from: 0, to: 0 }, null, random, figures);
    if (final.crash) throw new Error(`Final reconcile crashed: ${final.crash}`);
    if (final.final?.unexpected.length) figures.unexpected.push(...final.final.unexpected);
    figures.upstreamRequests = upstreamRequests;
    figures.faults = faultCounts;
    const injected = Object.values(faultCounts).reduce((a, b) => a + b, 0);
    figures.faultRate = upstreamRequests ? injected / upstreamRequests : 0;
    options.tamperBeforeVerify?.(sandbox);
    figures.verdict = verifySoak(sandbox, dataDir, before, { psx: psx.id, wzx: wzx.id });
    figures.seconds = Math.round((Date.now() - started) / 1000);
    return figures;
  } finally {
    await sandbox.close();
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  }
}
