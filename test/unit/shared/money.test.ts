import { describe, expect, it } from 'vitest';
import {
  decimalToMicros,
  decimalToMinor,
  divRoundHalfAway,
  formatMoney,
  formatRate,
  microsToDecimal,
  microsToMinor,
  minorToDecimal,
  MoneyFormatError,
  parseDecimal,
} from '../../../src/shared/money';

describe('money', () => {
  it('parses upstream decimal text exactly, never through a float', () => {
    expect(decimalToMinor('0.1')).toBe(10);
    expect(decimalToMinor('150.00')).toBe(15000);
    expect(decimalToMinor('0.90')).toBe(90);
    expect(decimalToMinor('-12.5')).toBe(-1250);
    expect(decimalToMicros('1.005')).toBe(1_005_000);
    expect(decimalToMicros('0.1')).toBe(100_000);
    // 0.1 + 0.2 style float error cannot happen: 1.005 * 100 is 100.49999999999999 in floats.
    expect(parseDecimal('1.005', 2, 'half-away')).toBe(101n);
  });

  it('refuses sub-cent amounts and non-numbers instead of rounding them silently', () => {
    expect(() => decimalToMinor('1.005')).toThrow(MoneyFormatError);
    expect(() => decimalToMinor('1e3')).toThrow(MoneyFormatError);
    expect(() => decimalToMinor('')).toThrow(MoneyFormatError);
    expect(() => decimalToMinor('12,50')).toThrow(MoneyFormatError);
  });

  it('rounds half away from zero, once', () => {
    expect(divRoundHalfAway(5n, 2n)).toBe(3n);
    expect(divRoundHalfAway(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfAway(4n, 3n)).toBe(1n);
    expect(divRoundHalfAway(5n, 3n)).toBe(2n);
    expect(divRoundHalfAway(-7n, 3n)).toBe(-2n);
    expect(microsToMinor(5_000)).toBe(1); // half a cent → 1 cent
    expect(microsToMinor(-5_000)).toBe(-1);
    expect(microsToMinor(4_999)).toBe(0);
  });

  it('formats exact decimal text and display money', () => {
    expect(minorToDecimal(-1250)).toBe('-12.50');
    expect(minorToDecimal(5)).toBe('0.05');
    expect(minorToDecimal(-5)).toBe('-0.05');
    expect(microsToDecimal(905_000)).toBe('0.905');
    expect(microsToDecimal(2_000_000)).toBe('2.00');
    expect(formatMoney(123456789)).toBe('$1,234,567.89');
    expect(formatMoney(-1250)).toBe('-$12.50');
    expect(formatMoney(300, 'CHF')).toBe('3.00 CHF');
  });

  it('shows a per-unit rate exactly, with its currency and at least two decimals', () => {
    expect(formatRate(2_000_000)).toBe('$2.00');
    expect(formatRate(905_000)).toBe('$0.905');
    expect(formatRate(12_300)).toBe('$0.0123');
    expect(formatRate(1)).toBe('$0.000001');
    expect(formatRate(1_234_567_890_123)).toBe('$1,234,567.890123');
    expect(formatRate(-12_300)).toBe('-$0.0123');
    expect(formatRate(-1_012_300)).toBe('-$1.0123');
    expect(formatRate(12_300, 'CHF')).toBe('0.0123 CHF');
    // The largest rate an integer holds keeps every digit.
    expect(formatRate(9_007_199_254_740_991)).toBe('$9,007,199,254.740991');
    expect(() => formatRate(0.5)).toThrow(MoneyFormatError);
  });
});
