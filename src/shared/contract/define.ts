import { z } from 'zod';

/**
 * One IPC channel: the zod schema main parses every input with, and the output type
 * (phantom: main trusts its own handlers' results; only inputs cross from the page).
 */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly __output?: O;
}

/** `channel<Output>()(inputSchema)`: the output is named, the input type is inferred. */
export const channel =
  <O>() =>
  <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });

/** Channels that take nothing. */
export const noInput = z.undefined();

/** A push event from main to the page. */
export interface EventDef<P = unknown> {
  readonly __payload?: P;
}

export const event = <P>(): EventDef<P> => ({});

/** Text fields: trimmed, bounded, no control characters other than tab and newline. */
export const text = (max: number) =>
  z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, { message: 'must not contain control characters' })
    .transform((s) => s.trim());

/** Money crossing IPC is always integer minor units (cents), never a float. */
export const minorAmount = z
  .number({ message: 'must be an amount in cents (an integer)' })
  .int({ message: 'must be a whole number of cents' })
  .refine(Number.isSafeInteger, { message: 'is too large' });

export const positiveMinor = minorAmount.refine((v) => v > 0, { message: 'must be greater than zero' });

export const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, { message: 'is not a valid id' });

/** Optional free text where an empty field means "none": '' arrives as null. */
export const optionalText = (max: number) =>
  text(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

/** Offset paging of a list: at most `maxLimit` rows a page, `defaultLimit` when the page does not say. */
export const pageFields = (maxLimit: number, defaultLimit: number) => ({
  limit: z.number().int().min(1).max(maxLimit).default(defaultLimit),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});
