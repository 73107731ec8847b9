import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  exportRequestSchema,
  type ExportJobState,
  type ExportProgress,
  type ExportRequest,
  type ExportRequestInput,
  type ExportResult,
} from '../../../shared/contract/exports';
import { AppError, isAppError } from '../../../shared/errors';
import type { Clock } from '../../clock';
import type { EventBus } from '../../event-bus';
import type { Ledger } from '../../ledger/database';
import { createJobRegistry } from '../job-registry';
import { writeCsvAtomically } from './atomic-csv-file';
import { recordFormatter, type ExportFilters, type RawRow } from './export-spec';
import { readLastFolder, rememberFolder } from './folder-memory';
import { exportSpecs } from './kinds';
import { readerFactory, type OpenReader } from './reader';
import { dayStartUtc, nextDay } from './time-zone';

export interface ExportServiceDeps {
  ledger: Ledger;
  clock: Clock;
  bus: EventBus;
  openReader?: OpenReader;
  /** Rows between progress reports. */
  progressEvery?: number;
}

export interface ExportRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportService {
  /** Writes the export; resolves once the file is complete under its final name. */
  run(request: ExportRequestInput, options?: ExportRunOptions): Promise<ExportResult>;
  /** Cancels a running job; false when no such job is running. */
  cancel(jobId: string): boolean;
  runningJobs(): string[];
  /** The folder of the last successful export (for the save dialog). */
  lastFolder(): string | null;
  /**
   * Paths the user chose in the shell's save dialog. The window may replace only these
   * (see exports-handlers.ts); elsewhere it may only create a new .csv file. The CLI,
   * run by the user, is not limited.
   */
  grantPath(path: string): void;
  isGranted(path: string): boolean;
  /** Cancels every running export and waits until each has removed its temporary file. */
  close(): Promise<void>;
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  const openReader = deps.openReader ?? readerFactory(deps.ledger.file);
  const every = Math.max(1, deps.progressEvery ?? 1000);
  const jobs = createJobRegistry();
  const running = new Set<Promise<unknown>>();
  const granted = new Set<string>();

  function run(input: ExportRequestInput, options: ExportRunOptions = {}): Promise<ExportResult> {
    const job = runJob(input, options);
    const settled = job.catch(() => {});
    running.add(settled);
    void settled.finally(() => running.delete(settled));
    return job;
  }

  async function runJob(input: ExportRequestInput, options: ExportRunOptions): Promise<ExportResult> {
    const request = parseRequest(input);
    checkDestination(request.path);
    checkFilters(deps.ledger.sqlite, request);
    const jobId = request.jobId ?? randomUUID();
    if (jobs.has(jobId)) throw new AppError('CONFLICT', 'An export with this job id is already running.');
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    jobs.add(jobId, controller);

    const spec = exportSpecs[request.kind];
    let rowsTotal = 0;
    const report = (rowsDone: number, state: ExportJobState) => {
      const progress: ExportProgress = { jobId, kind: request.kind, rowsDone, rowsTotal, state };
      deps.bus.emit('event:export-progress', progress);
      try {
        options.onProgress?.(progress);
      } catch {
        // A failing progress listener must not break the export.
      }
    };

    let reader: Database.Database | null = null;
    let rows: IterableIterator<unknown> | null = null;
    let rowsDone = 0;
    try {
      reader = openReader();
      // One read transaction: the count and the rows come from the same snapshot.
      reader.exec('BEGIN');
      const filters = toFilters(request, deps.clock.now());
      const { sql, params } = spec.query(filters);
      const count = spec.count?.(filters) ?? { sql: `SELECT count(*) FROM (${sql})`, params };
      rowsTotal = reader.prepare(count.sql).pluck().get(count.params) as number;
      report(0, 'running');
      // Rows as arrays (`raw`): no object per row; the formatter reads fields by position.
      const statement = reader.prepare(sql).raw(true);
      const format = recordFormatter(
        spec.columns,
        request.timeZone,
        statement.columns().map((c) => c.name),
      );
      rows = statement.iterate(params);
      const sqlRows = rows;
      const records = (function* () {
        for (const row of sqlRows) {
          yield format(row as RawRow);
          rowsDone += 1;
          if (rowsDone % every === 0 && rowsDone < rowsTotal) report(rowsDone, 'running');
        }
      })();
      const { bytes } = await writeCsvAtomically({
        path: request.path,
        header: spec.columns.map((c) => c.header),
        records,
        delimiter: request.delimiter,
        bom: request.bom,
        signal: controller.signal,
      });
      try {
        rememberFolder(deps.ledger.sqlite, dirname(request.path), deps.clock.now());
      } catch {
        // The file is complete; failing to remember its folder (ledger closing) is no failure.
      }
      report(rowsDone, 'done');
      return { jobId, kind: request.kind, path: request.path, rows: rowsDone, bytes };
    } catch (error) {
      const cancelled = controller.signal.aborted;
      report(rowsDone, cancelled ? 'cancelled' : 'failed');
      if (cancelled) throw isAppError(error) ? error : new AppError('CANCELLED', 'The export was cancelled; no file was written.');
      throw translateFsError(error, request.path);
    } finally {
      jobs.remove(jobId);
      options.signal?.removeEventListener('abort', onOuterAbort);
      rows?.return?.();
      if (reader) {
        if (reader.inTransaction) reader.exec('ROLLBACK');
        reader.close();
      }
    }
  }

  return {
    run,
    cancel: (jobId) => jobs.cancel(jobId),
    runningJobs: () => jobs.running(),
    lastFolder: () => readLastFolder(deps.ledger.sqlite),
    grantPath: (path) => void granted.add(resolve(path)),
    isGranted: (path) => isAbsolute(path) && granted.has(resolve(path)),
    async close() {
      jobs.abortAll();
      await Promise.all([...running]);
    },
  };
}

function parseRequest(input: ExportRequestInput): ExportRequest {
  const parsed = exportRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length ? issue.path.map(String).join('.') : undefined;
  const message = `${field ? `${field}: ` : ''}${issue?.message ?? 'is invalid'}`;
  throw new AppError('INVALID_INPUT', message, field ? { field } : {});
}

function checkDestination(path: string): void {
  if (!isAbsolute(path)) throw new AppError('INVALID_INPUT', 'path: must be the full path of the file to write.', { field: 'path' });
  const folder = dirname(path);
  const folderStat = statSync(folder, { throwIfNoEntry: false });
  if (!folderStat?.isDirectory()) throw new AppError('NOT_FOUND', `The folder ${folder} does not exist. Choose another folder.`, { field: 'path' });
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new AppError('INVALID_INPUT', `${path} is a folder; choose a file name.`, { field: 'path' });
  }
}

function checkFilters(sqlite: Database.Database, request: ExportRequest): void {
  if (request.customerId && !sqlite.prepare('SELECT 1 FROM customers WHERE id = ?').get(request.customerId)) {
    throw new AppError('NOT_FOUND', `There is no customer with id ${request.customerId}.`, { field: 'customerId' });
  }
  if (request.accountId && !sqlite.prepare('SELECT 1 FROM provider_accounts WHERE id = ?').get(request.accountId)) {
    throw new AppError('NOT_FOUND', `There is no upstream account with id ${request.accountId}.`, { field: 'accountId' });
  }
}

/** Days become instants in the export's zone: `from` at its first instant, `to` up to the next day's. */
export function toFilters(request: ExportRequest, now: Date): ExportFilters {
  return {
    from: request.from ? dayStartUtc(request.from, request.timeZone).toISOString() : null,
    to: request.to ? dayStartUtc(nextDay(request.to), request.timeZone).toISOString() : null,
    customerId: request.customerId ?? null,
    customerIds: request.customerIds ?? null,
    accountId: request.accountId ?? null,
    now: now.toISOString(),
  };
}

function translateFsError(error: unknown, path: string): unknown {
  if (isAppError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('FORBIDDEN', `Reseller Desk may not write to ${dirname(path)}. Choose another folder.`, { field: 'path', cause: error });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('DISK_FULL', `There is not enough free space to write ${path}. Free some space and export again.`, { cause: error });
  }
  if (code === 'ENOENT') return new AppError('NOT_FOUND', `The folder ${dirname(path)} no longer exists. Choose another folder.`, { cause: error });
  return error;
}
