import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ExportDelimiter } from '../../../shared/contract/exports';
import { AppError } from '../../../shared/errors';

export interface AtomicCsvOptions {
  /** Final path; nothing appears under it until the file is complete and synced. */
  path: string;
  header: string[];
  /** Pulled one record at a time, only as fast as the disk takes them (backpressure). */
  records: Iterable<string[]>;
  delimiter: ExportDelimiter;
  bom: boolean;
  signal?: AbortSignal;
}

/** The temporary sibling a file is written to: hidden, in the same folder (so rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.part`);
}

/**
 * Writes RFC 4180 CSV (CRLF records, fields quoted only when needed, UTF-8) to a
 * temporary file next to `path`, fsyncs it, renames it over `path` and fsyncs the
 * folder. A cancelled or failed write removes the temporary file; a crash leaves at
 * most a hidden `.part` file, never a half file under the final name.
 */
export async function writeCsvAtomically(options: AtomicCsvOptions): Promise<{ bytes: number }> {
  const temp = tempPathFor(options.path);
  try {
    const csv = stringify({
      header: true,
      columns: options.header,
      delimiter: options.delimiter,
      bom: options.bom,
      record_delimiter: 'windows',
      // csv-stringify quotes the delimiter, quotes and CRLF, but not a lone CR or LF nor
      // edge whitespace; Excel, LibreOffice and hledger all need those quoted too.
      quoted_match: [/[\r\n]/, /^\s|\s$/],
    });
    // `wx`: never write into someone else's file; `flush`: fsync before the stream closes,
    // so the rename below publishes data that is on disk.
    const out = createWriteStream(temp, { flags: 'wx', flush: true });
    const source = Readable.from(options.records, { objectMode: true, highWaterMark: 64 });
    await pipeline(source, csv, out, options.signal ? { signal: options.signal } : {});
    await rename(temp, options.path);
    await syncFolder(dirname(options.path));
    return { bytes: (await stat(options.path)).size };
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The export was cancelled; no file was written.', { cause: error });
    throw error;
  }
}

/** Makes the rename itself durable. Folders cannot be opened for sync on Windows; skip there. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the file itself is already synced.
  } finally {
    await dir.close();
  }
}
