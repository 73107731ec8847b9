/**
 * `npm run bench [-- --quick] [-- --only=1,4] [-- --seed=N] [-- --keep]`
 *
 * Generates (or reuses) the seeded data set, runs each scenario side by side with its
 * raw limit in the same run, prints a table and writes bench/results.json. Not part of
 * `npm test`: timings on a shared machine are figures to read, never assertions.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDataset, workingCopy } from './data/dataset';
import type { BenchContext, Scenario } from './lib/context';
import { machineInfo } from './lib/machine';
import { failedResult, type ScenarioResult } from './lib/result';
import { SCALES } from './lib/scale';
import { scenarios } from './scenarios';

const root = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const scale = SCALES[flag('quick') ? 'quick' : 'full'];
const seed = Number(option('seed') ?? 20261120);
const only = option('only')?.split(',').map((s) => s.trim());
const log = (line: string) => process.stderr.write(`${line}\n`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cell(v: { value: number; unit: string }): string {
  return Number.isFinite(v.value) ? `${v.value.toLocaleString('en-US')} ${v.unit}` : '—';
}

export function tableOf(results: ScenarioResult[]): string {
  const lines = ['| scenario | app | raw baseline | ratio | target | met |', '|---|---|---|---|---|---|'];
  for (const r of results) {
    const met = r.status === 'pending' ? 'pending' : r.status === 'failed' ? 'failed' : r.status === 'info' ? 'n/a' : r.met ? 'yes' : '**no**';
    lines.push(`| ${r.scenario} | ${cell(r.app)} | ${cell(r.baseline)} | ${r.ratio === null ? '—' : `${r.ratio}×`} | ${r.target} | ${met} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const date = new Date().toISOString();
  const data = join(root, 'bench', '.data');
  mkdirSync(data, { recursive: true });
  // Scratch folders of runs that were killed (their process is gone).
  for (const name of readdirSync(data)) {
    const pid = Number(/^work-(\d+)$/.exec(name)?.[1]);
    if (pid && !alive(pid)) rmSync(join(data, name), { recursive: true, force: true });
  }
  const work = join(data, `work-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  log(`Reseller Desk bench: ${scale.name} scale, seed ${seed}`);
  const dataset = await ensureDataset(root, scale, seed, log);
  const appDataDir = join(work, 'app');
  workingCopy(dataset, appDataDir);
  const ctx: BenchContext = { root, scale, seed, dataset, appDataDir, work, log };

  const selected: Scenario[] = only ? scenarios.filter((s) => only.includes(s.id)) : scenarios;
  const results: ScenarioResult[] = [];
  for (const s of selected) {
    log(`\n▶ ${s.id}. ${s.title}`);
    const t0 = performance.now();
    let result: ScenarioResult;
    try {
      result = await s.run(ctx);
    } catch (error) {
      result = failedResult(`${s.id}. ${s.title}`, s.target, error);
    }
    results.push(result);
    log(`  ${result.status === 'failed' ? 'FAILED' : result.status === 'info' ? 'measured' : result.met ? 'met' : result.status === 'pending' ? 'pending' : 'MISSED'} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${result.notes}`);
    console.log(tableOf([result]).split('\n')[2]);
  }

  const memory = new Database(':memory:');
  const sqliteVersion = memory.prepare('SELECT sqlite_version()').pluck().get() as string;
  memory.close();
  const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
  const output = {
    date,
    machine: machineInfo(sqliteVersion),
    scale,
    seed,
    dataset: { key: dataset.key, ...dataset.summary, generatedThisRun: dataset.generatedNow, generationSeconds: Math.round(dataset.generationMs / 100) / 10 },
    totalSeconds,
    results,
  };
  // bench/results.json holds the last complete full-scale run (the README's table);
  // --quick and --only runs write beside it so they never replace it.
  const name = only ? join('bench', '.data', 'results-partial.json') : scale.name === 'quick' ? join('bench', 'results-quick.json') : join('bench', 'results.json');
  const file = join(root, name);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(output, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  console.log(`\n${tableOf(results)}\n`);
  const m = output.machine;
  console.log(`${date.slice(0, 10)} · ${m.nproc} × ${m.cpu} · ${m.ramGb} GB RAM · Node ${m.node} · SQLite ${m.sqlite} · ${scale.name} scale · ${totalSeconds} s`);
  console.log(`written: ${name}`);
  if (!flag('keep')) rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
