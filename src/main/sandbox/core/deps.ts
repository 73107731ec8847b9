import type { SandboxClock } from './clock';
import type { FaultInjector } from './faults';
import type { SandboxProfile } from './profile';
import type { RateLimiter } from './rate-limit';
import type { SandboxDb } from './store';
import type { WebhookSender } from './webhook-sender';

/**
 * What index.ts hands each simulated API: its own DB, and the objects both APIs share
 * (one clock, one fault injector, one webhook sender, one rate limiter tuned by /__admin).
 */
export interface SandboxDeps {
  db: SandboxDb;
  clock: SandboxClock;
  faults: FaultInjector;
  webhooks: WebhookSender;
  /** Pass to registerRateLimit as `limiter`. */
  rateLimit: RateLimiter;
  /** What the API serves (see profile.ts). Default DEFAULT_PROFILE. */
  profile?: SandboxProfile;
}
