/**
 * The typed way for screens to talk to main. `call` unwraps `{ ok, value }` and throws
 * an `ApiError` for `{ ok: false }`, so a component handles success and failure with
 * ordinary async code and shows `error.message`, which main already wrote for people.
 */
import type { ApiArgs, ChannelName, EventName, EventPayload, Output } from '../../../shared/contract';
import type { IpcError } from '../../../shared/errors';
import { useActivity } from '../state/activity-store';

export class ApiError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly details: IpcError['details'];

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.field = error.field;
    this.details = error.details;
  }
}

/** Calls one channel; resolves with its value or rejects with an ApiError. */
export async function call<K extends ChannelName>(name: K, ...args: ApiArgs<K>): Promise<Output<K>> {
  const fn = window.api?.[name] as ((...a: unknown[]) => Promise<Answer>) | undefined;
  if (typeof fn !== 'function') {
    throw new ApiError({ code: 'UNKNOWN_CHANNEL', message: `This version of Reseller Desk cannot ${name.replace(':', ' ')} yet.` });
  }
  let result: Answer;
  const end = useActivity.getState().begin();
  try {
    result = await fn(...args);
  } catch {
    // The transport itself failed (window closing, main restarting): nothing was confirmed.
    throw new ApiError({ code: 'INTERNAL', message: 'Reseller Desk could not reach its background process. Try again in a moment.' });
  } finally {
    end();
  }
  return unwrapAnswer<Output<K>>(result);
}

/** The shape main answers every channel with. */
export interface Answer {
  ok: boolean;
  value?: unknown;
  error?: IpcError;
}

/** The value of main's answer, or its error thrown as an ApiError. */
export function unwrapAnswer<T>(result: Answer): T {
  if (result.ok) return result.value as T;
  throw new ApiError(result.error ?? { code: 'INTERNAL', message: 'The request failed without a reason.' });
}

/** Whether a channel exists in this build: screens for later capabilities check before calling. */
export function hasChannel(name: string): name is ChannelName {
  return typeof (window.api as unknown as Record<string, unknown> | undefined)?.[name] === 'function';
}

/** Subscribes to a push event from main; returns the unsubscribe function. */
export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api.onEvent(name, listener);
}

/** Turns any thrown value into one line a reseller can act on. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return readableMessage(error);
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

/** "pollIntervalMinutes: Too small…" → "Poll interval minutes: too small…". */
function readableMessage(error: ApiError): string {
  if (error.code !== 'INVALID_INPUT' || !error.field) return error.message;
  const prefix = `${error.field}: `;
  const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return `${fieldLabel(error.field)}: ${humanReason(reason)}`;
}

/** zod's default wording ("Too small: expected number to be >=1") said the way a person would. */
export function humanReason(reason: string): string {
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^too small: expected (?:number|bigint) to be >=\s*(-?[\d.]+)/i, (m) => `must be at least ${m[1]}`],
    [/^too small: expected (?:number|bigint) to be >\s*(-?[\d.]+)/i, (m) => `must be more than ${m[1]}`],
    [/^too big: expected (?:number|bigint) to be <=\s*(-?[\d.]+)/i, (m) => `must be at most ${m[1]}`],
    [/^too big: expected (?:number|bigint) to be <\s*(-?[\d.]+)/i, (m) => `must be less than ${m[1]}`],
    [/^too small: expected string to have >=\s*1 characters?/i, () => 'is required'],
    [/^too small: expected string to have >=\s*(\d+) characters?/i, (m) => `must be at least ${m[1]} characters`],
    [/^too big: expected string to have <=\s*(\d+) characters?/i, (m) => `must be at most ${m[1]} characters`],
    [/^invalid input: expected number, received (?:NaN|string|undefined|null)/i, () => 'must be a number'],
    [/^invalid input: expected int, received number/i, () => 'must be a whole number'],
    [/^invalid (?:email address|input: expected email)/i, () => 'is not a valid email address'],
    [/^invalid input: expected string, received (?:undefined|null)/i, () => 'is required'],
  ];
  for (const [pattern, say] of rules) {
    const m = reason.match(pattern);
    if (m) return say(m);
  }
  return lowerFirst(reason);
}

export function fieldLabel(path: string): string {
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
