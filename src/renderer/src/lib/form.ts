import type { z } from 'zod';
import { ApiError, errorMessage, fieldLabel, humanReason } from '../api/client';

export type FieldErrors = Record<string, string>;

/**
 * Validates form input with the contract's own zod schema (the one main parses with),
 * so the window refuses exactly what main would refuse, field by field.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '_form';
    errors[field] ??= humanReason(issue.message);
  }
  return { ok: false, errors };
}

/** A refusal from main, put under its field when it names one. */
export function serverErrors(error: unknown): FieldErrors {
  if (error instanceof ApiError && error.field) {
    const field = error.field;
    const prefix = `${error.field}: `;
    const reason = error.message.startsWith(prefix) ? humanReason(error.message.slice(prefix.length)) : error.message;
    return { [field]: reason };
  }
  return { _form: errorMessage(error) };
}

export function describeField(field: string): string {
  return fieldLabel(field);
}
