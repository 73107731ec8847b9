import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
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
  await sweepStaleParts(options.path);
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
    await pipeline(source, csv, coalesce(), out, options.signal ? { signal: options.signal } : {});
    await rename(temp, options.path);
    await syncFolder(dirname(options.path));
    return { bytes: (await stat(options.path)).size };
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The export was cancelled; no file was written.', { cause: error });
    throw error;
  }
}

/**
 * csv-stringify emits one small chunk per record; handing each to the file stream costs
 * a thread-pool round trip per row. Gathering them into ~64 KiB writes keeps the disk
 * busy and the event loop free, with the same backpressure (bounded buffers).
 */
function coalesce(limit = 64 * 1024): Transform {
  let parts: Buffer[] = [];
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        const batch = Buffer.concat(parts, size);
        parts = [];
        size = 0;
        done(null, batch);
      } else {
        done();
      }
    },
    flush(done) {
      done(null, size > 0 ? Buffer.concat(parts, size) : undefined);
    },
  });
}

const STALE_PART_MS = 24 * 60 * 60 * 1000;

/**
 * A crash (power cut, kill) leaves a hidden `.part` file behind. The next export to the
 * same name removes those older than a day; a younger one may belong to an export still
 * running in another process, so it is left alone.
 */
export async function sweepStaleParts(path: string, now = Date.now()): Promise<void> {
  const folder = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{8}\.part$/.test(name.slice(prefix.length))) continue;
    const file = join(folder, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && now - info.mtimeMs > STALE_PART_MS) await rm(file, { force: true }).catch(() => {});
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
