import { describe, expect, it } from 'vitest';
import { createJobRegistry } from '../../../src/main/services/job-registry';

describe('job registry', () => {
  it('aborts a running job on cancel', () => {
    const jobs = createJobRegistry();
    const c = new AbortController();
    jobs.add('j1', c);
    expect(jobs.cancel('j1')).toBe(true);
    expect(c.signal.aborted).toBe(true);
  });

  it('stops a job whose cancel arrived before it started, within a minute', () => {
    let t = 0;
    const jobs = createJobRegistry(() => t);
    expect(jobs.cancel('early')).toBe(false);
    t = 30_000;
    const c = new AbortController();
    jobs.add('early', c);
    expect(c.signal.aborted).toBe(true);
    // Only once: a later job reusing the id runs.
    const again = new AbortController();
    jobs.remove('early');
    jobs.add('early', again);
    expect(again.signal.aborted).toBe(false);
  });

  it('forgets an early cancel after a minute', () => {
    let t = 0;
    const jobs = createJobRegistry(() => t);
    jobs.cancel('late');
    t = 61_000;
    const c = new AbortController();
    jobs.add('late', c);
    expect(c.signal.aborted).toBe(false);
  });
});
