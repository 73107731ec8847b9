import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountCell, milliCell, neutralizeText, textCell, unneutralizeText } from '../../../src/main/services/exports/csv-cells';
import { decimalToMinor } from '../../../src/shared/money';

describe('export cells', () => {
  it('neutralizes text a spreadsheet would run as a formula, and only that', () => {
    const spacedOrWide = [' =spaced', '   +1', '\t=HYPERLINK("http://x")', '\u00a0=1+1', '\u00a0 -2', '\u3000@SUM(A1)', '\u200b=1', '＝1+1', '＋1', '－1', '＠SUM(A1)', ' ＝x'];
    for (const hostile of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', ...spacedOrWide]) {
      expect(neutralizeText(hostile)).toBe(`'${hostile}`);
      expect(unneutralizeText(neutralizeText(hostile))).toBe(hostile);
    }
    for (const plain of ['Acme', "'quoted already", ' Acme = best', '1-2', 'a=b', 'ａｂｃ', '']) expect(neutralizeText(plain)).toBe(plain);
    // Amount columns stay numbers: a negative amount is written as is, never quoted.
    expect(amountCell(-1250)).toBe('-12.50');
    expect(textCell(null)).toBe('');
  });

  it('round-trips any text through neutralize and unneutralize', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => unneutralizeText(neutralizeText(s)) === s));
  });

  it('writes cents as exact decimal text, negative amounts left numeric', () => {
    expect(amountCell(-1250)).toBe('-12.50');
    expect(amountCell(5)).toBe('0.05');
    expect(amountCell(0)).toBe('0.00');
    expect(amountCell(null)).toBe('');
    expect(amountCell(900719925474099)).toBe('9007199254740.99');
    expect(() => amountCell(1.5)).toThrow();
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => decimalToMinor(amountCell(cents)) === cents));
  });

  it('writes thousandths of a GB exactly', () => {
    expect(milliCell(1250)).toBe('1.250');
    expect(milliCell(5)).toBe('0.005');
    expect(milliCell(-20)).toBe('-0.020');
    expect(milliCell(null)).toBe('');
  });
});
