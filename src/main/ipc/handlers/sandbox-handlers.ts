import type { sandboxChannels, SandboxStatus } from '../../../shared/contract/sandbox';
import type { AppContext } from '../../app-context';
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
  return {
    'sandbox:status': status,
    'sandbox:advance-clock': async ({ hours, days }) => {
      await ctx.sandbox.advance(((hours ?? 0) + (days ?? 0) * 24) * HOUR);
      return status();
    },
  };
}
