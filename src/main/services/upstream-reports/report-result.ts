import type { ReportResult } from '../../../shared/contract/upstream-reports';
import { AppError } from '../../../shared/errors';

/** Could not reach the upstream (network, timeout, its own 5xx). */
const UNREACHABLE = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_ERROR']);
/** "This address does not exist here": the upstream does not serve the report. */
const ABSENT_STATUS = new Set([404, 405, 501]);

/**
 * Runs one read and says in words what became of it, so one report failing never hides
 * the other, and "unreachable" is told apart from "not offered" and from a refusal.
 */
export async function readReport<T>(upstream: string, what: string, read: (() => Promise<T>) | null): Promise<ReportResult<T>> {
  if (!read) return { status: 'absent', message: `${upstream} does not offer ${what}.` };
  try {
    return { status: 'ok', value: await read() };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (UNREACHABLE.has(e.code)) return { status: 'unreachable', message: `${upstream} could not be reached for ${what}: ${e.message}` };
    const status = e.details?.status;
    if (e.code === 'UNSUPPORTED' || (typeof status === 'number' && ABSENT_STATUS.has(status))) {
      return { status: 'absent', message: `${upstream} does not serve ${what} for this account (HTTP ${String(status ?? 'n/a')}).` };
    }
    return { status: 'failed', code: e.code, message: e.message };
  }
}
