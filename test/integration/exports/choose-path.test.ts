import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';

describe('exports:choose-path', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('grants the chosen path so an export may replace the file there, and nothing else', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const target = join(temp.dir, 'books.csv');
    writeFileSync(target, 'old contents');
    const asked: string[] = [];
    const ctx: AppContext = await createAppContext({
      dataDir: join(temp.dir, 'data'),
      secrets: new MemorySecretStore(),
      version: 'test',
      chooseSavePath: async ({ defaultPath }) => {
        asked.push(defaultPath);
        return target;
      },
    });
    cleanups.push(() => ctx.close());
    const dispatch = createDispatcher(createHandlers(ctx));

    // Without the dialog, replacing an existing file is refused.
    const refused = await dispatch('exports:run', { kind: 'customers', path: join(temp.dir, 'other.csv'), delimiter: ',', bom: false });
    expect(refused.ok).toBe(true); // a new .csv may be created
    writeFileSync(join(temp.dir, 'exists.csv'), 'x');
    expect(await dispatch('exports:run', { kind: 'customers', path: join(temp.dir, 'exists.csv'), delimiter: ',', bom: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(await dispatch('exports:choose-path', { suggestedName: '../evil.csv' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const chosen = await dispatch('exports:choose-path', { suggestedName: 'customers.csv' });
    expect(chosen).toEqual({ ok: true, value: { path: target } });
    expect(asked[0]!.endsWith('customers.csv')).toBe(true);
    expect(await dispatch('exports:run', { kind: 'customers', path: target, delimiter: ',', bom: false })).toMatchObject({ ok: true });
  });
});
