import { z } from 'zod';
import { channel, noInput } from './define';

export interface SandboxStatus {
  running: boolean;
  proxiesSxUrl: string | null;
  whozexUrl: string | null;
  /** Sandbox time (ISO); runs with the wall clock, ahead of it once moved in demo mode. */
  now: string | null;
}

export const sandboxChannels = {
  'sandbox:status': channel<SandboxStatus>()(noInput),
  /** Demo mode: move the sandbox's time forward so proxies expire and balances drain. */
  'sandbox:advance-clock': channel<SandboxStatus>()(
    z
      .object({
        hours: z.number().int().min(0).max(24 * 365).optional(),
        days: z.number().int().min(0).max(365).optional(),
      })
      .strict()
      .refine((v) => (v.hours ?? 0) + (v.days ?? 0) > 0, { message: 'move the clock by at least one hour' }),
  ),
};
