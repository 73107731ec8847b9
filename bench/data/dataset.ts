import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchScale } from '../lib/scale';
import { generateDataset, type GeneratedSummary } from './generate';

/**
 * The generated ledger, cached under bench/.data/<key>/ by scale, seed and the schema it
 * was made with (a new migration or a new generator makes a new key), and a working copy
 * per run so no scenario changes the cached file.
 */

/** Bump when generate.ts changes what it writes. */
const GENERATOR_VERSION = 3;

export interface Dataset {
  key: string;
  /** The cached, never-modified ledger file. */
  file: string;
  summary: GeneratedSummary;
  generatedNow: boolean;
  generationMs: number;
}

function schemaHash(root: string): string {
  const dir = join(root, 'src', 'main', 'ledger', 'migrations');
  const h = createHash('sha256');
  for (const name of readdirSync(dir).sort()) h.update(name).update(readFileSync(join(dir, name)));
  h.update(String(GENERATOR_VERSION));
  return h.digest('hex').slice(0, 10);
}

export async function ensureDataset(root: string, scale: BenchScale, seed: number, log: (line: string) => void): Promise<Dataset> {
  const key = `c${scale.customers}-p${scale.ports}-t${scale.transactions}-seed${seed}-${schemaHash(root)}`;
  mkdirSync(join(root, 'bench', '.data'), { recursive: true });
  const dir = join(root, 'bench', '.data', key);
  const file = join(dir, 'ledger.sqlite3');
  const summaryFile = join(dir, 'summary.json');
  if (existsSync(summaryFile) && existsSync(file)) {
    return { key, file, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as GeneratedSummary, generatedNow: false, generationMs: 0 };
  }
  rmSync(dir, { recursive: true, force: true });
  // Older sets of the same scale and seed (another schema or generator) are not used again.
  const prefix = key.slice(0, key.lastIndexOf('-') + 1);
  for (const name of readdirSync(join(root, 'bench', '.data'))) {
    if (name.startsWith(prefix) && name !== key) rmSync(join(root, 'bench', '.data', name), { recursive: true, force: true });
  }
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  log(`generating data set ${key} (cached for the next runs)…`);
  const t0 = performance.now();
  const summary = await generateDataset(join(building, 'ledger.sqlite3'), scale, seed, log);
  const generationMs = performance.now() - t0;
  writeFileSync(join(building, 'summary.json'), JSON.stringify(summary, null, 2));
  renameSync(building, dir);
  log(`  generated in ${(generationMs / 1000).toFixed(1)} s (${(statSync(file).size / 1e6).toFixed(0)} MB)`);
  return { key, file, summary, generatedNow: true, generationMs };
}

/** A fresh copy of the cached ledger as `<dataDir>/ledger.sqlite3` (the app's file name). */
export function workingCopy(dataset: Dataset, dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, 'ledger.sqlite3');
  for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  copyFileSync(dataset.file, target);
  return target;
}
