import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { parseJsonLossless, stringifyJson, jsonNumber } from '../../../src/main/providers/http/json';
import { JsonReader } from '../../../src/main/providers/http/reader';
import { minorToDecimal } from '../../../src/shared/money';

const read = (json: string) => JsonReader.root(parseJsonLossless(json), 'Whozex');

describe('upstream money is exact through the decimal text', () => {
  it('reads 0.1, 150.00 and 0.90 as exact cents', () => {
    const r = read('{"a": 0.1, "b": 150.00, "c": 0.90}');
    expect(r.at('a').asMinor()).toBe(10);
    expect(r.at('b').asMinor()).toBe(15000);
    expect(r.at('c').asMinor()).toBe(90);
  });

  it('reads rates into micros: 0.90 → 900000, 1.005 → 1005000, 0.1 → 100000', () => {
    const r = read('{"price_per_gb": 0.90, "odd": 1.005, "tenth": 0.1}');
    expect(r.at('price_per_gb').asMicros()).toBe(900_000);
    expect(r.at('odd').asMicros()).toBe(1_005_000);
    expect(r.at('tenth').asMicros()).toBe(100_000);
  });

  it('refuses 1.005 as an amount with a clear, field-naming message instead of rounding', () => {
    const r = read('{"data": {"balance": 1.005}}');
    let err: unknown;
    try {
      r.at('data').at('balance').asMinor();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('UPSTREAM_PROTOCOL');
    expect(e.message).toContain('response.data.balance');
    expect(e.message).toContain('1.005');
    expect(e.message).toMatch(/whole number of cents/);
  });

  it('keeps digits a float would lose', () => {
    const r = read('{"big": 90071992547409.91, "huge": 90071992547409.93}');
    expect(r.at('big').asMinor()).toBe(9_007_199_254_740_991);
    expect(() => r.at('huge').asMinor()).toThrow(/too large/);
  });

  it('refuses a string where money is expected and a missing amount', () => {
    const r = read('{"a": "lots", "b": null}');
    expect(() => r.at('a').asMinor()).toThrow(/expected a number/);
    expect(() => r.at('b').asMinor()).toThrow(/expected a number/);
    expect(r.at('b').asOptMinor()).toBeNull();
  });

  it('reads GB as milli-GB and epoch-ms dates as ISO text', () => {
    const r = read('{"gb": 12.345, "at": 1740000000000}');
    expect(r.at('gb').asGbMilli()).toBe(12_345);
    expect(r.at('at').asDate()).toBe('2025-02-19T21:20:00.000Z');
  });

  it('writes request money as exact JSON numbers', () => {
    expect(stringifyJson({ amount: jsonNumber(minorToDecimal(1250)), n: 3 })).toBe('{"amount":12.50,"n":3}');
    expect(stringifyJson({ amount: jsonNumber(minorToDecimal(10)) })).toBe('{"amount":0.10}');
  });
});
