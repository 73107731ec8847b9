import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { AppError, isAppError } from '../../shared/errors';

/**
 * Issue 15: every charge from the CLI carries a request id, made when the command starts
 * (or given with --request-id to check an earlier one): the same id is the same operation,
 * so re-running a command whose answer was lost checks that charge instead of charging again.
 * --separate deliberately starts another charge while one for the customer is unsettled.
 */
export interface ChargeFlags {
  requestId?: string;
  separate?: boolean;
}

export function addChargeOptions(cmd: Command): Command {
  return cmd
    .option('--request-id <id>', 'the request id of an earlier run whose result was unknown: checks that same charge instead of charging again')
    .option('--separate', 'start a separate charge even though one of this kind for this customer is still unsettled');
}

export function chargeFields(o: ChargeFlags): { requestId: string; confirmSeparate?: true } {
  return { requestId: o.requestId ?? `cli_${randomUUID().replace(/-/g, '')}`, ...(o.separate ? { confirmSeparate: true as const } : {}) };
}

/** Runs the charge; an unknown outcome says how to check this same charge again. */
export async function charging<T>(fields: { requestId: string }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isAppError(error) && error.code === 'UPSTREAM_OUTCOME_UNKNOWN') {
      throw new AppError(error.code, `${error.message} To check this same charge again, run the command again with --request-id ${fields.requestId}.`, {
        ...(error.details ? { details: { ...error.details, requestId: fields.requestId } } : { details: { requestId: fields.requestId } }),
        cause: error,
      });
    }
    throw error;
  }
}
