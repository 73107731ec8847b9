import type { sandboxChannels, SandboxStatus } from '../../../shared/contract/sandbox';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../app-context';
import { resetSandbox } from '../../services/sandbox-control/sandbox-reset';
import type { Handlers } from '../dispatcher';

const HOUR = 3_600_000;

export function createSandboxHandlers(ctx: AppContext): Pick<Handlers, keyof typeof sandboxChannels> {
  const status = (): SandboxStatus => {
    const running = ctx.sandbox.running();
    return {
      running: running !== null,
      proxiesSxUrl: running?.proxiesSx.baseUrl ?? null,
      whozexUrl: running?.whozex.baseUrl ?? null,
      now: running?.clock.nowIso() ?? null,
    };
  };
  // While the demo writes its history the sandbox's time belongs to it.
  const notDuringDemo = (what: string) => {
    if (ctx.demo.active()) throw new AppError('CONFLICT', `Demo data is being made. ${what} when it has finished, or cancel it.`);
  };
  return {
    'sandbox:status': status,
    'sandbox:advance-clock': async ({ hours, days }) => {
      notDuringDemo('Move the sandbox clock');
      await ctx.sandbox.advance(((hours ?? 0) + (days ?? 0) * 24) * HOUR);
      return status();
    },
    'sandbox:reset': async () => {
      notDuringDemo('Reset the sandbox');
      const result = await resetSandbox(ctx);
      return { ...status(), accounts: result.accounts, servicesEnded: result.servicesEnded };
    },
    'demo:start': (input) => ctx.demo.start(input),
    'demo:cancel': ({ jobId }) => ctx.demo.cancel(jobId),
  };
}
