import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { unneutralizeText } from '../../../../src/main/services/exports/csv-cells';

/** Parses an export the way an accountant's tool would: RFC 4180, header row, optional BOM. */
export function readCsv(path: string, delimiter: ',' | ';' = ','): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true, delimiter, relax_column_count: false }) as Record<string, string>[];
}

export function readHeader(path: string, delimiter: ',' | ';' = ','): string[] {
  return (parse(readFileSync(path), { bom: true, delimiter, to_line: 1 }) as string[][])[0]!;
}

/** Text as the app stored it (the neutralizing quote removed). */
export const plain = (cell: string | undefined): string | null => (cell === undefined || cell === '' ? null : unneutralizeText(cell));
