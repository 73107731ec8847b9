import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../src/main/providers/http/json';
import { JsonReader } from '../../../src/main/providers/http/reader';
import { accountStats, analyticsOverview } from '../../../src/main/providers/whozex/decode-reports';

/**
 * The Whozex document names /account/stats and /analytics/overview without showing their
 * payloads: the decoder must read money exactly, keep what it does not know, and survive
 * what is missing or odd, rather than fail the Dashboard card.
 */
const read = (text: string) => JsonReader.root(parseJsonLossless(text), 'Whozex');

describe('Whozex report decoding', () => {
  it('reads money through its decimal text (0.1 + 0.2 stays 30 cents) and keeps unknown figures as text', () => {
    const s = accountStats(
      read(`{
        "balance": 150.10,
        "spending": { "total_spent": 0.30, "packages": 0.1, "add_gb": 0.2, "refunds": 12.5, "odd": 1.005, "label": "x" },
        "gb_by_proxy_type": { "residential": { "total_gb": 10.5, "used_gb": 2.25, "packages": 3 }, "mobile": 4 },
        "chart": [ { "date": "2026-12-02", "spent": 1.10, "gb_purchased": 1 }, { "date": "2026-12-01", "spent": "2.20" } ],
        "tier": "gold", "orders_total": 12345678901234567890
      }`),
    );
    expect(s.balance).toBe(15_010);
    expect(s.spending).toEqual([
      { key: 'total_spent', label: 'Total spent', amount: 30 },
      { key: 'packages', label: 'Packages bought', amount: 10 },
      { key: 'add_gb', label: 'GB added to packages', amount: 20 },
      { key: 'refunds', label: 'Refunds', amount: 1_250 },
      // "odd": 1.005 is finer than a cent: left out, never rounded into the books' units.
    ]);
    expect(s.gbByProxyType).toEqual([
      { proxyType: 'residential', packages: 3, activePackages: null, totalGbMilli: 10_500, usedGbMilli: 2_250, remainingGbMilli: null },
      { proxyType: 'mobile', packages: null, activePackages: null, totalGbMilli: 4_000, usedGbMilli: null, remainingGbMilli: null },
    ]);
    // Oldest first, whatever order it came in.
    expect(s.chart).toEqual([
      { date: '2026-12-01', spent: 220, gbMilli: null, orders: null, newUsers: null },
      { date: '2026-12-02', spent: 110, gbMilli: 1_000, orders: null, newUsers: null },
    ]);
    // Unknown top-level figures kept exactly, even past a double's precision.
    expect(s.other).toEqual([
      { key: 'tier', value: 'gold' },
      { key: 'orders_total', value: '12345678901234567890' },
    ]);
  });

  it('tolerates an empty or differently shaped answer', () => {
    expect(accountStats(read('{}'))).toEqual({ balance: null, spending: [], gbByProxyType: [], chart: [], other: [] });
    const o = analyticsOverview(read('{ "users": 7, "packages": { "count": 3 }, "spending": 9.99, "chart": "soon", "balance": "n/a" }'));
    expect(o.users).toEqual({ total: 7, withBalance: null, totalBalance: null });
    expect(o.packages.total).toBe(3);
    expect(o.spending).toEqual([{ key: 'total', label: 'Total spent', amount: 999 }]);
    expect(o.chart).toEqual([]);
    expect(o.resellerBalance).toBeNull();
  });

  it('reads GB by type given as a list', () => {
    const s = accountStats(read('{ "gb_by_proxy_type": [ { "proxy_type": "datacenter", "total_gb": 5 }, { "nameless": true } ] }'));
    expect(s.gbByProxyType).toEqual([{ proxyType: 'datacenter', packages: null, activePackages: null, totalGbMilli: 5_000, usedGbMilli: null, remainingGbMilli: null }]);
  });
});
