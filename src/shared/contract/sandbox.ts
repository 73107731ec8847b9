import { z } from 'zod';
import type { AccountView } from './accounts';
import { channel, event, id, noInput } from './define';

export interface SandboxStatus {
  running: boolean;
  proxiesSxUrl: string | null;
  whozexUrl: string | null;
  /** Sandbox time (ISO); runs with the wall clock, ahead of it once moved in demo mode. */
  now: string | null;
}

export interface SandboxResetView extends SandboxStatus {
  /** The fresh sandbox accounts that replaced the old ones. */
  accounts: AccountView[];
  /** Services of the old sandbox accounts that were still live, now marked gone upstream. */
  servicesEnded: number;
}

export type DemoJobState = 'running' | 'done' | 'cancelled' | 'failed';

export interface DemoJobProgress {
  jobId: string;
  /** Steps done of `total` (starting over, funding, customers, one per 3 simulated days, the final sync). */
  done: number;
  total: number;
  state: DemoJobState;
  /** The latest thing the demo did, in words. */
  text: string;
}

/** What the books hold after a demo (the CLI prints it; the window says it). Money in cents. */
export interface DemoCounts {
  customers: number;
  payments: number;
  topUps: number;
  ports: number;
  activePorts: number;
  packages: number;
  sales: number;
  revenue: number;
  cost: number;
  profit: number;
  operations: { completed: number; failed: number; pending: number };
}

export interface DemoJobResult extends DemoCounts {
  jobId: string;
  state: 'done' | 'cancelled';
  /** The simulated history: from (sandbox time at the start) to now. */
  from: string;
  to: string;
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
  /**
   * Starts the sandbox over: fresh simulated upstreams and fresh sandbox accounts (the old
   * ones are removed, their history kept). Sandbox time is kept. `confirm` must be true.
   */
  'sandbox:reset': channel<SandboxResetView>()(
    z.object({ confirm: z.literal(true, { message: 'must be true: resetting wipes the sandbox upstreams' }) }).strict(),
  ),
  /**
   * Fills empty books with a demo business run in the sandbox over the last `months`.
   * Resolves when done or cancelled; progress arrives as `event:demo-progress`.
   */
  'demo:start': channel<DemoJobResult>()(
    z
      .object({
        customers: z.number().int().min(1).max(500).default(40),
        months: z.number().int().min(1).max(12).default(4),
        seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
        /** Chosen by the page so it can call `demo:cancel` while this call is pending. */
        jobId: id.optional(),
      })
      .strict(),
  ),
  'demo:cancel': channel<{ cancelled: boolean }>()(z.object({ jobId: id }).strict()),
};

export const sandboxEvents = {
  'event:demo-progress': event<DemoJobProgress>(),
};
