import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { redactValue } from './redact';

/**
 * Structured JSON-lines logs in <data>/logs/app.log, rotated by size (app.log →
 * app.1.log … app.N.log), every entry redacted before it is written. Synchronous
 * appends: a log line written just before a crash is not lost in a buffer.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
  readonly file: string | null;
}

export interface FileLoggerOptions {
  dir: string;
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
  minLevel?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createFileLogger(options: FileLoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 5;
  const now = options.now ?? (() => new Date());
  const min = ORDER[options.minLevel ?? 'info'];
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = join(options.dir, 'app.log');
  let size = existsSync(file) ? statSync(file).size : 0;

  function rotate() {
    rmSync(join(options.dir, `app.${keep}.log`), { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      const from = join(options.dir, `app.${i}.log`);
      if (existsSync(from)) renameSync(from, join(options.dir, `app.${i + 1}.log`));
    }
    if (existsSync(file)) renameSync(file, join(options.dir, 'app.1.log'));
    size = 0;
  }

  function write(level: LogLevel, msg: string, bindings: Record<string, unknown>, fields?: Record<string, unknown>) {
    if (ORDER[level] < min) return;
    const entry = redactValue({ time: now().toISOString(), level, msg, ...bindings, ...fields });
    const line = JSON.stringify(entry) + '\n';
    if (size + line.length > maxBytes && size > 0) rotate();
    const fd = openSync(file, 'a', 0o600);
    try {
      writeSync(fd, line);
    } finally {
      closeSync(fd);
    }
    size += Buffer.byteLength(line);
  }

  function make(bindings: Record<string, unknown>): Logger {
    return {
      file,
      debug: (m, f) => write('debug', m, bindings, f),
      info: (m, f) => write('info', m, bindings, f),
      warn: (m, f) => write('warn', m, bindings, f),
      error: (m, f) => write('error', m, bindings, f),
      child: (more) => make({ ...bindings, ...more }),
    };
  }
  return make({});
}

/** A logger that writes nothing (the default in tests that don't look at logs). */
export const silentLogger: Logger = {
  file: null,
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

/** Recent warnings and errors, newest last, for the copyable error report. */
export function readRecentProblems(dir: string, limit = 50): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  for (const name of ['app.1.log', 'app.log']) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const e = JSON.parse(line) as Record<string, unknown>;
        if (e.level === 'warn' || e.level === 'error') entries.push(e);
      } catch {
        // A torn last line after a crash is skipped.
      }
    }
  }
  return entries.slice(-limit);
}
