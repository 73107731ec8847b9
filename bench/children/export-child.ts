/**
 * Child of scenario 4: one journal export through the export service, in its own
 * process so its peak RSS is its own. Prints RESULT:{ms, rows, bytes, rss…}.
 */
import { openLedger } from '../../src/main/ledger/database';
import { ManualClock } from '../../src/main/clock';
import { EventBus } from '../../src/main/event-bus';
import { createExportService } from '../../src/main/services/exports/export-service';
import { BENCH_NOW } from '../data/generate';
import { childArgs, report } from '../lib/child';

const args = childArgs<{ file: string; path: string; from: string; to: string }>();
const ledger = await openLedger(args.file);
const service = createExportService({ ledger, clock: new ManualClock(BENCH_NOW), bus: new EventBus() });
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const t0 = performance.now();
const result = await service.run({ kind: 'journal', from: args.from, to: args.to, path: args.path });
const ms = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await ledger.close();
report({ ms, rows: result.rows, bytes: result.bytes, rssBeforeMb: rssBefore / 1e6, peakSampledMb: peak / 1e6, maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6 });
