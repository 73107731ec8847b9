import { afterEach, describe, expect, it } from 'vitest';
import { connectionState } from '../../../src/main/services/dashboard/upstream-status';
import type { AppInfo, UpstreamStatus } from '../../../src/shared/contract/app';
import type { PollRunResult } from '../../../src/shared/contract/events';
import { createEventsHarness, type EventsHarness } from '../events/harness';

let h: EventsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const states = (list: UpstreamStatus[]) => Object.fromEntries(list.map((u) => [u.name, u.state]));

describe('app:info upstream states and event:upstream-status', () => {
  it('goes from unknown to connected after a poll, degraded when the upstream rate-limits, and back', async () => {
    h = await createEventsHarness();
    const pushed: UpstreamStatus[][] = [];
    h.ctx.bus.subscribe((name, payload) => {
      if (name === 'event:upstream-status') pushed.push(payload as UpstreamStatus[]);
    });

    const before = await h.call<AppInfo>('app:info');
    expect(states(before.upstreams)).toEqual({ 'Sandbox PSX': 'unknown', 'Sandbox WZX': 'unknown' });

    await h.call<PollRunResult[]>('poller:run-now');
    const after = await h.call<AppInfo>('app:info');
    expect(states(after.upstreams)).toEqual({ 'Sandbox PSX': 'connected', 'Sandbox WZX': 'connected' });
    expect(after.upstreams[0]!.checkedAt).toBe(new Date(h.clock.now()).toISOString());
    expect(states(pushed.at(-1)!)).toEqual({ 'Sandbox PSX': 'connected', 'Sandbox WZX': 'connected' });

    // A second look that changes nothing pushes nothing new.
    const count = pushed.length;
    await h.call<PollRunResult[]>('poller:run-now');
    expect(pushed.length).toBe(count);

    h.sandbox.faults.configure({ rateLimitStormRate: 1 });
    const results = await h.call<PollRunResult[]>('poller:run-now', { accountId: h.psx.id });
    expect(results[0]!.error?.code).toBe('RATE_LIMITED');
    const degraded = pushed.at(-1)!;
    expect(states(degraded)).toEqual({ 'Sandbox PSX': 'degraded', 'Sandbox WZX': 'connected' });
    expect(degraded.find((u) => u.name === 'Sandbox PSX')!.message).toBeTruthy();

    h.sandbox.faults.configure({ rateLimitStormRate: 0 });
    await h.advance({ hours: 1 });
    const runs = await h.call<{ status: string }[]>('sync:run', { accountId: h.psx.id });
    expect(runs.map((r) => r.status)).toEqual(['completed']);
    expect(states((await h.call<AppInfo>('app:info')).upstreams)).toEqual({ 'Sandbox PSX': 'connected', 'Sandbox WZX': 'connected' });
    expect(states(pushed.at(-1)!)).toEqual({ 'Sandbox PSX': 'connected', 'Sandbox WZX': 'connected' });
  });

  it('is offline when the last attempt could not reach the upstream or the key was refused', () => {
    const ok = { at: '2026-01-01T10:00:00Z', ok: true, code: null, message: null };
    const unreachable = { at: '2026-01-01T11:00:00Z', ok: false, code: 'UPSTREAM_UNAVAILABLE', message: 'down' };
    const badKey = { at: '2026-01-01T11:00:00Z', ok: false, code: 'INVALID_API_KEY', message: 'key' };
    const serverError = { at: '2026-01-01T11:00:00Z', ok: false, code: 'UPSTREAM_ERROR', message: '500' };
    expect(connectionState([null, null]).state).toBe('unknown');
    expect(connectionState([ok, unreachable]).state).toBe('offline');
    expect(connectionState([badKey, ok]).state).toBe('offline');
    expect(connectionState([ok, serverError]).state).toBe('degraded');
    // The newest attempt wins: a sync that succeeded after a failed poll.
    expect(connectionState([unreachable, { ...ok, at: '2026-01-01T12:00:00Z' }]).state).toBe('connected');
  });
});
