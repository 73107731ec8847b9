/**
 * `npm run soak`: the full soak (1,000 operations, 20 % faults, random SIGKILLs).
 * Options: --ops N, --kills N, --seed N, --keep (keep the temp folder), --json.
 * Exits 1 when any invariant fails. Figures go to docs/RELIABILITY.md.
 */
import { parseArgs } from 'node:util';
import { runSoak, type SoakFigures } from './driver';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '1000' },
    kills: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

export function formatFigures(f: SoakFigures): string {
  const v = f.verdict;
  const injected = Object.values(f.faults).reduce((a, b) => a + b, 0);
  const lines = [
    `Soak (seed ${f.seed}): ${f.opsPlanned} operations planned, ${f.stepsStarted} started, in ${f.seconds} s`,
    `  by kind:          ${Object.entries(f.byKind).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  outcomes:         ${Object.entries(f.outcomes).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  upstream requests ${f.upstreamRequests}; faults injected ${injected} (${(f.faultRate * 100).toFixed(1)} %): ${Object.entries(f.faults).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  SIGKILLs ${f.kills} (mid-operation ${f.interruptedByKill}), restarts ${f.restarts}; pending found at start ${f.pendingFoundAtStart} → completed ${f.reconciledAtStart.completed}, failed ${f.reconciledAtStart.failed}, still pending ${f.reconciledAtStart.stillPending}`,
    `  completed upstream operations: ${Object.entries(v.completedOperations).map(([k, n]) => `${k} ${n}`).join(', ')}; failed (refused, nothing charged) ${v.failedOperations}`,
    `  double charges ${v.doubleCharges}; orphan proxies ${v.orphanProxies.length}; orphan packages ${v.orphanPackages.length}; phantom services ${v.phantomServices.length}`,
    `  IP rotations: ${v.rotations.booked} booked, ${v.rotations.upstream} upstream (free; a rotation whose answer was lost is sent again)`,
    `  ledger vs upstream differences ${v.balanceDifferences.length}; charge-count mismatches ${v.chargeMismatches.length}; pending left ${v.pendingOperations}`,
    `  integrity_check ${v.integrityCheck}; foreign-key problems ${v.foreignKeyProblems}; postings sum ${v.postingsSum}; unexpected (INTERNAL) errors ${f.unexpected.length}`,
    `  verdict: ${v.ok && f.unexpected.length === 0 ? 'PASS — data lost: 0' : 'FAIL'}`,
  ];
  if (!v.ok) lines.push(`  details: ${JSON.stringify({ balanceDifferences: v.balanceDifferences, chargeMismatches: v.chargeMismatches, orphanProxies: v.orphanProxies, orphanPackages: v.orphanPackages, phantomServices: v.phantomServices })}`);
  if (f.unexpected.length) lines.push(`  unexpected: ${f.unexpected.slice(0, 5).join('\n')}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('run.ts')) {
  const figures = await runSoak({
    ops: Number(values.ops),
    kills: Number(values.kills),
    seed: Number(values.seed),
    keep: values.keep,
    log: (line) => console.log(line),
  });
  console.log(values.json ? JSON.stringify(figures, null, 2) : formatFigures(figures));
  process.exitCode = figures.verdict.ok && figures.unexpected.length === 0 ? 0 : 1;
}
