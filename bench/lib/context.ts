import type { Dataset } from '../data/dataset';
import type { BenchScale } from './scale';
import type { ScenarioResult } from './result';

/** What every scenario gets from run.ts. */
export interface BenchContext {
  root: string;
  scale: BenchScale;
  seed: number;
  /** The cached data set (read-only) and a working copy of it for this run. */
  dataset: Dataset;
  /** <work>/app: holds ledger.sqlite3, a working copy of the data set (the app's data folder). */
  appDataDir: string;
  /** Scratch folder of this run (on the same disk as the repo, so fsync is real). */
  work: string;
  log(line: string): void;
}

export interface Scenario {
  id: string;
  title: string;
  target: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}
