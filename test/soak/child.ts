/**
 * One app process of the soak: opens the real app on the soak's data folder, reconciles
 * the operations a previous (killed) process left pending, then runs steps [from, to) of
 * the plan through the dispatcher and handlers — the same path a click in the window
 * takes. Reports each step on stdout as one JSON line. The parent SIGKILLs it at random.
 *
 * In `final` mode (faults off) it only reconciles until nothing is pending.
 */
import type { AppContext } from '../../src/main/app-context';
import type { Dispatch } from '../../src/main/ipc/dispatcher';
import type { ReconcileSummary } from '../../src/shared/contract/operations';
import { openApp, type ChildConfig } from './app-process';
import { COUNTRIES, PROXY_TYPES, pick, pickKind, stepRandom, type OpKind } from './plan';

const config = JSON.parse(process.env.SOAK_CHILD ?? '{}') as ChildConfig;
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

function ids(ctx: AppContext, query: string, ...params: unknown[]): string[] {
  return ctx.ledger.sqlite.prepare(query).pluck().all(...params) as string[];
}

function accountId(ctx: AppContext, provider: 'proxies-sx' | 'whozex'): string {
  return ctx.ledger.sqlite.prepare("SELECT id FROM provider_accounts WHERE provider = ? AND status = 'active' ORDER BY created_at LIMIT 1").pluck().get(provider) as string;
}

/** The channel call for step i, or null when the step has nothing to act on (no port yet…). */
function stepCall(ctx: AppContext, i: number): { kind: OpKind; channel: string; input: unknown } | null {
  const random = stepRandom(config.seed, i);
  const kind = pickKind(random);
  const customers = ids(ctx, 'SELECT id FROM customers WHERE email LIKE ? ORDER BY email', 'soak-%');
  const customer = pick(random, customers);
  const psx = accountId(ctx, 'proxies-sx');
  const wzx = accountId(ctx, 'whozex');
  if (!customer) return null;
  switch (kind) {
    case 'port-create':
      return { kind, channel: 'proxies:create', input: { accountId: psx, customerId: customer, country: pick(random, COUNTRIES), days: 1 + Math.floor(random() * 30), isPrivate: random() < 0.2, confirmBelowCost: true } };
    case 'port-extend':
    case 'port-rotate': {
      const port = pick(random, ids(ctx, "SELECT id FROM services WHERE kind = 'port' AND provider_account_id = ? AND status = 'active' ORDER BY id", psx));
      if (!port) return null;
      return kind === 'port-extend'
        ? { kind, channel: 'proxies:extend', input: { serviceId: port, days: 1 + Math.floor(random() * 7), confirmBelowCost: true } }
        : { kind, channel: 'proxies:rotate', input: { serviceId: port } };
    }
    case 'package-create':
      return { kind, channel: 'packages:create', input: { accountId: wzx, customerId: customer, gb: 1 + Math.floor(random() * 5), proxyType: pick(random, PROXY_TYPES), topUpIfNeeded: true, confirmBelowCost: true } };
    case 'package-add-gb': {
      const pkg = pick(random, ids(ctx, "SELECT id FROM services WHERE kind = 'package' AND provider_account_id = ? AND status = 'active' ORDER BY id", wzx));
      if (!pkg) return null;
      return { kind, channel: 'packages:add-gb', input: { serviceId: pkg, gb: 1 + Math.floor(random() * 3), topUpIfNeeded: true, confirmBelowCost: true } };
    }
    case 'top-up':
      return { kind, channel: 'money:top-up', input: { customerId: customer, accountId: random() < 0.5 ? psx : wzx, amount: 100 * (1 + Math.floor(random() * 50)), recordAsPayment: random() < 0.5, method: 'bank' } };
    case 'deduct':
      return { kind, channel: 'money:deduct', input: { customerId: customer, accountId: random() < 0.5 ? psx : wzx, amount: 100 * (1 + Math.floor(random() * 5)) } };
    case 'payment':
      return { kind, channel: 'payments:record', input: { customerId: customer, amount: 100 * (1 + Math.floor(random() * 100)), method: 'card' } };
  }
}

async function reconcile(ctx: AppContext): Promise<ReconcileSummary> {
  return ctx.operations.reconcilePending();
}

async function main(): Promise<void> {
  const { ctx, dispatch, unexpected } = await openApp(config);
  const pendingAtStart = (ctx.ledger.sqlite.prepare("SELECT count(*) FROM operations WHERE status = 'pending'").pluck().get() as number) ?? 0;
  const quick = ctx.ledger.sqlite.pragma('quick_check', { simple: true });
  let reconciled = await reconcile(ctx);
  say({ type: 'ready', pendingAtStart, reconciled, quickCheck: quick });

  if (config.mode === 'final') {
    for (let round = 0; round < 10 && reconciled.stillPending > 0; round++) reconciled = await reconcile(ctx);
    const pending = ctx.ledger.sqlite.prepare("SELECT count(*) FROM operations WHERE status = 'pending'").pluck().get() as number;
    say({ type: 'final', pending, unexpected });
    await ctx.close();
    return;
  }

  for (let i = config.from; i < config.to; i++) {
    const call = stepCall(ctx, i);
    if (!call) {
      say({ type: 'op', i, kind: 'skip', outcome: 'nothing-to-act-on' });
      continue;
    }
    say({ type: 'start', i, kind: call.kind });
    const result = await (dispatch as Dispatch)(call.channel, call.input);
    const outcome = result.ok ? 'ok' : result.error.code;
    say({ type: 'op', i, kind: call.kind, outcome, ...(result.ok ? {} : { message: result.error.message.slice(0, 200) }) });
    if (unexpected.length) say({ type: 'unexpected', errors: unexpected.splice(0) });
  }
  say({ type: 'done' });
  await ctx.close();
}

main().catch((error: unknown) => {
  say({ type: 'crash', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
