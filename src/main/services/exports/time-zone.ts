import { AppError } from '../../../shared/errors';

/**
 * ISO 8601 date-times for exports. UTC is written as stored (`…T12:00:00.000Z`); any
 * other IANA zone as local wall time with its offset stated (`…T13:00:00.000+01:00`),
 * computed with Intl (the runtime's tz database), never with a fixed offset.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: string; // "+01:00"
}

function wallTime(ms: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  // longOffset is "GMT+01:00", "GMT-03:30" or plain "GMT" at zero offset.
  const gmt = parts.timeZoneName ?? 'GMT';
  const offset = gmt === 'GMT' ? '+00:00' : gmt.slice(3);
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    offset,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The stored ISO instant as export text in the chosen zone. */
export function formatInstant(iso: string, timeZone: string): string {
  // The ledger stores Date#toISOString() text: already the UTC form, no need to reparse.
  if (timeZone === 'UTC' && CANONICAL_UTC.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`"${iso}" is not an ISO date-time`);
  if (timeZone === 'UTC') return new Date(ms).toISOString();
  const w = wallTime(ms, timeZone);
  const millis = pad(((ms % 1000) + 1000) % 1000, 3);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.${millis}${w.offset}`;
}

/**
 * The UTC instant at which a calendar day (YYYY-MM-DD) begins in a zone. Two passes
 * settle the offset across a daylight-saving change; a day that starts in a gap
 * (no local midnight) starts at the first instant after it.
 */
export function dayStartUtc(day: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new AppError('INVALID_INPUT', `"${day}" is not a date written YYYY-MM-DD.`);
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (timeZone === 'UTC') return new Date(guess);
  let t = guess - zoneOffsetMs(guess, timeZone);
  const second = guess - zoneOffsetMs(t, timeZone);
  if (second !== t) t = Math.min(t, second);
  // In a spring-forward gap the local midnight does not exist: move to where the day begins.
  while (formatInstant(new Date(t).toISOString(), timeZone).slice(0, 10) < day) t += 15 * 60_000;
  return new Date(t);
}

/** The day after a YYYY-MM-DD day, as YYYY-MM-DD. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
