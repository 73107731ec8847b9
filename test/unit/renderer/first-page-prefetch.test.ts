import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { customerListQuery } from '../../../src/renderer/src/pages/customers/customer-list-query';
import { takePrefetchedFirstPage } from '../../../src/renderer/src/pages/customers/first-page-prefetch';
import { useCustomerList } from '../../../src/renderer/src/state/customer-list-store';

const BOOT = readFileSync(join(import.meta.dirname, '../../../src/renderer/public/boot.js'), 'utf8');

const page = { items: [{ id: 'c_1', name: 'Ada' }], total: 1, totalIsCapped: false, nextCursor: null };

/** Runs public/boot.js as the page would (a classic script), with a window whose api records calls. */
function boot(hash: string, answer: unknown = { ok: true, value: page }) {
  const calls: { channel: string; input: unknown }[] = [];
  const window: Record<string, unknown> = {
    location: { hash },
    api: {
      'customers:list': (input: unknown) => {
        calls.push({ channel: 'customers:list', input });
        return Promise.resolve(answer);
      },
    },
  };
  runInNewContext(BOOT, { window, performance: { now: () => 1000 }, Promise, Object });
  return { window: window as { __rdPrefetch?: never }, calls };
}

const defaultQuery = () => {
  const view = useCustomerList.getState();
  return customerListQuery(view, view.search.trim());
};

describe('start-up prefetch of the customer list', () => {
  it('asks for exactly the first page the table asks for on its default view', () => {
    const { calls } = boot('#/customers');
    expect(calls).toHaveLength(1);
    // If the table's default sort or page size changes, boot.js must change with it.
    expect(calls[0]!.input).toEqual({ ...defaultQuery(), offset: 0, limit: 100 });
  });

  it('asks nothing when the window opens on another page', () => {
    expect(boot('#/').calls).toHaveLength(0);
    expect(boot('#/customers/c_1').calls).toHaveLength(0);
    expect(boot('').calls).toHaveLength(0);
  });

  it('hands the table the answer once, ready at its first render when it has arrived', async () => {
    const { window } = boot('#/customers/');
    await Promise.resolve();
    await Promise.resolve();
    const taken = takePrefetchedFirstPage(defaultQuery(), window, () => 1500);
    expect(taken).toEqual({ value: page });
    expect(takePrefetchedFirstPage(defaultQuery(), window, () => 1500)).toBeUndefined();
  });

  it('hands over the request still on its way as a promise', async () => {
    const { window } = boot('#/customers');
    const taken = takePrefetchedFirstPage(defaultQuery(), window, () => 1000);
    expect(taken && 'promise' in taken).toBe(true);
    await expect((taken as { promise: Promise<unknown> }).promise).resolves.toEqual(page);
  });

  it('turns an error answer into the same error the table shows for its own call', async () => {
    const { window } = boot('#/customers', { ok: false, error: { code: 'INTERNAL', message: 'The ledger could not be read.' } });
    await Promise.resolve();
    await Promise.resolve();
    const taken = takePrefetchedFirstPage(defaultQuery(), window, () => 1000) as { promise: Promise<unknown> };
    await expect(taken.promise).rejects.toMatchObject({ name: 'ApiError', message: 'The ledger could not be read.' });
  });

  it('is not used for another query or when it has gone stale', () => {
    const other = boot('#/customers');
    expect(takePrefetchedFirstPage({ ...defaultQuery(), search: 'ada' }, other.window, () => 1000)).toBeUndefined();
    const stale = boot('#/customers');
    expect(takePrefetchedFirstPage(defaultQuery(), stale.window, () => 1000 + 5_001)).toBeUndefined();
  });
});
