import { describe, expect, it } from 'vitest';
import { dayStartUtc, formatInstant, nextDay } from '../../../src/main/services/exports/time-zone';

/** The first instant (to the minute) whose local date in `zone` is `day`: brute force, for checking. */
function bruteDayStart(day: string, zone: string): number {
  const base = Date.parse(`${day}T00:00:00Z`);
  for (let t = base - 15 * 3_600_000; t < base + 15 * 3_600_000; t += 60_000) {
    if (formatInstant(new Date(t).toISOString(), zone).slice(0, 10) === day) return t;
  }
  throw new Error('not found');
}

describe('export dates', () => {
  it('writes UTC as stored and other zones with their offset stated', () => {
    expect(formatInstant('2026-01-31T23:30:00.000Z', 'UTC')).toBe('2026-01-31T23:30:00.000Z');
    expect(formatInstant('2026-01-31T23:30:00.250Z', 'Europe/Berlin')).toBe('2026-02-01T00:30:00.250+01:00');
    expect(formatInstant('2026-07-01T12:00:00.000Z', 'Europe/Berlin')).toBe('2026-07-01T14:00:00.000+02:00');
    expect(formatInstant('2026-01-15T12:00:00.000Z', 'America/St_Johns')).toBe('2026-01-15T08:30:00.000-03:30');
    expect(formatInstant('2026-01-15T12:00:00.000Z', 'Africa/Abidjan')).toBe('2026-01-15T12:00:00.000+00:00');
    // The written value is the same instant.
    expect(Date.parse(formatInstant('2026-03-29T01:30:00.000Z', 'Europe/Berlin'))).toBe(Date.parse('2026-03-29T01:30:00.000Z'));
  });

  it('finds where a day begins in a zone, across daylight-saving changes', () => {
    expect(dayStartUtc('2026-02-01', 'UTC').toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(dayStartUtc('2026-02-01', 'Europe/Berlin').toISOString()).toBe('2026-01-31T23:00:00.000Z');
    expect(dayStartUtc('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(dayStartUtc('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    for (const [day, zone] of [
      ['2018-11-04', 'America/Sao_Paulo'], // midnight skipped: the day starts at 01:00
      ['2026-03-29', 'Europe/Berlin'],
      ['2026-10-25', 'Europe/Berlin'],
      ['2026-04-05', 'Australia/Lord_Howe'],
      ['2026-01-01', 'Pacific/Kiritimati'],
      ['2026-09-06', 'America/Santiago'],
      ['2026-04-05', 'America/Santiago'],
    ] as const) {
      expect(dayStartUtc(day, zone).getTime(), `${day} ${zone}`).toBe(bruteDayStart(day, zone));
    }
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
