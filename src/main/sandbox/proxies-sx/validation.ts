import { z } from 'zod';
import { decimalToMinor, MoneyFormatError, parseDecimal } from '../../../shared/money';
import { badRequest } from './http-error';

/**
 * Request validation in the provider's style: a 400 whose `message` lists every problem
 * ("email must be an email", "property foo should not exist"). Nothing is changed when a
 * request fails validation.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const messages: string[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) messages.push(`property ${[...issue.path, k].join('.')} should not exist`);
      continue;
    }
    const path = issue.path.join('.');
    const msg = issue.message;
    messages.push(path === '' || msg.startsWith(path) ? msg : `${path}: ${msg}`);
  }
  throw badRequest(messages);
}

/** JSON numbers arrive as floats; their shortest text is the decimal the client wrote. */
export function numberText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const t = String(n);
  return /e/i.test(t) ? null : t;
}

/** A non-negative dollar amount with at most 2 decimals → cents. */
export const amountCents = (field: string, opts: { positive?: boolean; max?: number } = {}) =>
  z
    .number({ error: `${field} must be a number` })
    .transform((n, ctx) => {
      const text = numberText(n);
      try {
        if (text === null) throw new MoneyFormatError('not decimal');
        const cents = decimalToMinor(text);
        if (cents < 0 || (opts.positive && cents === 0)) {
          ctx.addIssue({ code: 'custom', message: `${field} must be ${opts.positive ? 'greater than 0' : 'at least 0'}` });
          return z.NEVER;
        }
        if (cents > (opts.max ?? 100_000_000)) {
          ctx.addIssue({ code: 'custom', message: `${field} must not exceed ${(opts.max ?? 100_000_000) / 100}` });
          return z.NEVER;
        }
        return cents;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${field} must be an amount with at most 2 decimal places` });
        return z.NEVER;
      }
    });

/** A decimal number kept as exact text (percentages, multipliers, GB). */
export const decimalText = (field: string, opts: { min: number; max: number; digits: number; exclusiveMin?: boolean }) =>
  z.number({ error: `${field} must be a number` }).transform((n, ctx) => {
    const text = numberText(n);
    let ok = text !== null;
    if (ok) {
      try {
        parseDecimal(text!, opts.digits);
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: `${field} must be a number with at most ${opts.digits} decimal places` });
      return z.NEVER;
    }
    if (n < opts.min || (opts.exclusiveMin && n === opts.min) || n > opts.max) {
      ctx.addIssue({ code: 'custom', message: `${field} must be ${opts.exclusiveMin ? 'greater than' : 'between'} ${opts.min}${opts.exclusiveMin ? ` and at most ${opts.max}` : ` and ${opts.max}`}` });
      return z.NEVER;
    }
    return text!;
  });

export const objectIdField = (field: string) =>
  z.string({ error: `${field} must be a string` }).trim().min(1, { error: `${field} should not be empty` }).max(64, { error: `${field} is too long` });

export const optionalText = (field: string, max: number) =>
  z.string({ error: `${field} must be a string` }).trim().max(max, { error: `${field} must be at most ${max} characters` });

/** Query-string integers ("20") with bounds. */
export const queryInt = (field: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${field} must be a whole number` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${field} must be between ${min} and ${max}` });
