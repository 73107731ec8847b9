import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type Output, type ParsedInput } from '../../shared/contract';
import { AppError, type IpcError, type Result } from '../../shared/errors';

/** One function per channel; `satisfies Handlers` on the table keeps both ends in step. */
export type Handlers = {
  [K in ChannelName]: (input: ParsedInput<K>) => Output<K> | Promise<Output<K>>;
};

export interface DispatcherOptions {
  /** Where unexpected errors go (never to the page). */
  onUnexpectedError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

/** Field paths and reasons can echo the page's own keys (`Unrecognized key: "…"`): bounded, so a huge key never becomes a huge message. */
const MAX_FIELD = 120;
const MAX_REASON = 300;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** Formats the first zod issue as "field: reason". */
export function invalidInput(error: z.ZodError): IpcError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? clip(issue.path.map(String).join('.'), MAX_FIELD) : undefined;
  const reason = clip(issue?.message ?? 'is invalid', MAX_REASON);
  const out: IpcError = {
    code: 'INVALID_INPUT',
    message: field ? `${field}: ${reason}` : `Input ${reason}`,
  };
  if (field) out.field = field;
  return out;
}

/**
 * Validate-and-dispatch: the unknown channel and the bad input are refused before any
 * handler runs; AppErrors cross as `{code, message}`; anything else is logged in main
 * and crosses as a generic INTERNAL error with no stack or detail.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return async (channel, input) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel named ${String(channel).slice(0, 80)}.` } };
    }
    const parsed = (channels[channel].input as z.ZodType).safeParse(input);
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toIpc() };
      options.onUnexpectedError?.(channel, error);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Something went wrong inside Reseller Desk. Nothing was changed; try again, and copy the error report from Settings if it happens again.' },
      };
    }
  };
}
