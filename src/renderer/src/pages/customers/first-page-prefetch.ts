import type { Output } from '../../../../shared/contract';
import { unwrapAnswer, type Answer } from '../../api/client';
import { PAGE_SIZE, type CustomerQuery } from './customer-list-query';

type CustomerListResult = Output<'customers:list'>;

/** What public/boot.js leaves on the window when it asked for the first page. */
interface BootPrefetch {
  channel: string;
  input: Record<string, unknown>;
  at: number;
  answer: Answer | undefined;
  promise: Promise<Answer>;
}

/** A prefetched first page older than this is not used: the table asks again. */
const FRESH_MS = 5_000;

/** The first page, ready now (`value`) or on its way (`promise`). */
export type Prefetched = { value: CustomerListResult } | { promise: Promise<CustomerListResult> };

function sameInput(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/**
 * The first page boot.js asked for before the bundle ran, for this query, once (a reload,
 * another query or a later visit asks anew). Its answer is unwrapped exactly as `call`
 * would: an error answer throws the same ApiError the table shows.
 */
export function takePrefetchedFirstPage(
  query: CustomerQuery,
  source: { __rdPrefetch?: BootPrefetch } = window as unknown as { __rdPrefetch?: BootPrefetch },
  now: () => number = () => performance.now(),
): Prefetched | undefined {
  const p = source.__rdPrefetch;
  if (!p) return undefined;
  delete source.__rdPrefetch;
  const input = { ...query, offset: 0, limit: PAGE_SIZE };
  if (p.channel !== 'customers:list' || !sameInput(p.input, input) || now() - p.at > FRESH_MS) return undefined;
  if (p.answer && p.answer.ok) return { value: unwrapAnswer<CustomerListResult>(p.answer) };
  return { promise: p.promise.then((answer) => unwrapAnswer<CustomerListResult>(answer)) };
}
