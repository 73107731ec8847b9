/**
 * Child process for the crash test: exports the journal of an existing data dir and,
 * once well under way, freezes (as a process would when the machine dies) until the
 * parent SIGKILLs it.
 *   node --import tsx export-child.ts <dataDir> <outFile>
 */
import { createAppContext } from '../../../../src/main/app-context';
import { createExportService } from '../../../../src/main/services/exports/export-service';
import { MemorySecretStore } from '../../../support/memory-secrets';

const [dataDir, out] = process.argv.slice(2);
const ctx = await createAppContext({ dataDir: dataDir!, secrets: new MemorySecretStore(), version: 'child' });
const service = createExportService({ ledger: ctx.ledger, clock: ctx.clock, bus: ctx.bus, progressEvery: 500 });
await service.run(
  { kind: 'journal', path: out! },
  {
    onProgress: ({ rowsDone, rowsTotal }) => {
      if (rowsDone >= rowsTotal / 3 && rowsDone < rowsTotal) {
        process.stdout.write(`MIDWAY ${rowsDone}/${rowsTotal}\n`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
      }
    },
  },
);
process.stdout.write('FINISHED\n');
