import { describe, expect, it } from 'vitest';
import { loadRows } from '../../../src/renderer/src/pages/proxies/service-list';

/** A list of `size` rows served the way proxies:list and packages:list page (limit at most 500). */
function list(size: number) {
  const rows = Array.from({ length: size }, (_, i) => i);
  const asked: string[] = [];
  const load = async (p: { limit: number; offset: number }) => {
    if (p.limit > 500) throw new Error('limit above the contract maximum');
    asked.push(`${p.offset}+${p.limit}`);
    return { items: rows.slice(p.offset, p.offset + p.limit), total: rows.length };
  };
  return { load, asked };
}

describe('"Show more" on the Proxies lists', () => {
  it('reaches rows past 500 by offset, never asking for more than a page', async () => {
    const l = list(1234);
    const shown = await loadRows(1300, l.load);
    expect(shown.items).toHaveLength(1234);
    expect(shown.items.at(-1)).toBe(1233);
    expect(l.asked).toEqual(['0+500', '500+500', '1000+300']);
  });

  it('asks once for a first page', async () => {
    const l = list(1234);
    expect((await loadRows(100, l.load)).items).toHaveLength(100);
    expect(l.asked).toEqual(['0+100']);
  });

  it('stops when rows disappeared meanwhile instead of looping', async () => {
    let calls = 0;
    const shrinking = async (p: { limit: number; offset: number }) => {
      calls++;
      return { items: p.offset === 0 ? Array.from({ length: p.limit }, (_, i) => i) : [], total: 2000 };
    };
    expect((await loadRows(1500, shrinking)).items).toHaveLength(500);
    expect(calls).toBe(2);
  });
});
