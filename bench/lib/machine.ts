import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

export interface Machine {
  nproc: number;
  cpu: string;
  ramGb: number;
  node: string;
  sqlite: string;
  sqlite3Cli: string | null;
  platform: string;
}

export function machineInfo(sqliteVersion: string): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    // not Linux
  }
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // no nproc
  }
  let cli: string | null;
  try {
    cli = execFileSync('/usr/bin/sqlite3', ['--version'], { encoding: 'utf8' }).split(' ')[0] ?? null;
  } catch {
    cli = null;
  }
  return {
    nproc,
    cpu,
    ramGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    sqlite: sqliteVersion,
    sqlite3Cli: cli,
    platform: `${process.platform} ${process.arch}`,
  };
}
