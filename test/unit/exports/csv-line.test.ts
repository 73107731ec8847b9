import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { csvHeader, csvLineEncoder, csvOptions } from '../../../src/main/services/exports/csv-line';

/** Cells made of the characters quoting is about, so the edge cases come up often. */
const tricky = fc.string({ unit: fc.constantFrom('a', 'é', '😀', ' ', '\t', '\u00a0', ',', ';', '"', "'", '\r', '\n', '=', '-') });
const records = fc.array(fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme' })), { minLength: 1, maxLength: 6 }), { maxLength: 5 });

describe('CSV lines', () => {
  it('writes every record byte for byte as csv-stringify does, with either delimiter', () => {
    for (const delimiter of [',', ';'] as const) {
      const encode = csvLineEncoder(delimiter);
      fc.assert(
        fc.property(records, (rows) => rows.map(encode).join('') === stringify(rows, csvOptions(delimiter))),
        { numRuns: 500 },
      );
    }
  });

  it('quotes fields with CR, LF, the delimiter, quotes or edge whitespace, and nothing else', () => {
    const encode = csvLineEncoder(',');
    expect(encode(['plain', '', 'a b', 'x,y', 'say "hi"', 'one\ntwo', 'cr\r', ' lead', 'trail\t', '12.50'])).toBe(
      'plain,,a b,"x,y","say ""hi""","one\ntwo","cr\r"," lead","trail\t",12.50\r\n',
    );
    expect(csvLineEncoder(';')(['x,y', 'a;b'])).toBe('x,y;"a;b"\r\n');
  });

  it('reads back as the same cells', () => {
    const encode = csvLineEncoder(';');
    fc.assert(
      // Two cells or more: a record of one empty cell is an empty line, which readers skip.
      fc.property(fc.array(fc.array(tricky, { minLength: 2, maxLength: 6 }), { maxLength: 5 }), (rows) => {
        const text = rows.map(encode).join('');
        const back = parse(text, { delimiter: ';', relax_column_count: true }) as string[][];
        return JSON.stringify(back) === JSON.stringify(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('starts the file with the BOM only when asked', () => {
    expect(csvHeader(['date', 'amount'], ',', false)).toBe('date,amount\r\n');
    expect(csvHeader(['date', 'amount'], ';', true)).toBe('\ufeffdate;amount\r\n');
  });
});
