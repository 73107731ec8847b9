import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportDelimiter } from '../../../shared/contract/exports';
import { AppError } from '../../../shared/errors';
import { csvHeader, csvLineEncoder } from './csv-line';

export interface AtomicCsvOptions {
  /** Final path; nothing appears under it until the file is complete and synced. */
  path: string;
  header: string[];
  /** Pulled only as fast as the disk takes them (backpressure). */
  records: Iterable<readonly string[]>;
  delimiter: ExportDelimiter;
  bom: boolean;
  signal?: AbortSignal;
}

const BUFFERED = 1024 * 1024;

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
    // `wx`: never write into someone else's file; `flush`: fsync before the stream closes,
    // so the rename below publishes data that is on disk.
    // ~1 MiB buffered on each side: rows keep being read while earlier pieces are written.
    const out = createWriteStream(temp, { flags: 'wx', flush: true, highWaterMark: BUFFERED });
    const source = Readable.from(csvChunks(options), { objectMode: false, highWaterMark: BUFFERED });
    await pipeline(source, out, options.signal ? { signal: options.signal } : {});
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
 * The file's text in ~64 KiB pieces: one write per piece rather than per record keeps
 * the disk busy and the event loop free. Records are pulled only when the file stream
 * asks for the next piece (backpressure), so memory stays flat at any size.
 */
function* csvChunks(options: AtomicCsvOptions, size = 64 * 1024): Generator<string> {
  const encode = csvLineEncoder(options.delimiter);
  let chunk = csvHeader(options.header, options.delimiter, options.bom);
  for (const record of options.records) {
    chunk += encode(record);
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
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
