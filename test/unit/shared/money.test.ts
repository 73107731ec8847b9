import { describe, expect, it } from 'vitest';
import {
  decimalToMicros,
  decimalToMinor,
  divRoundHalfAway,
  formatMoney,
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
});
