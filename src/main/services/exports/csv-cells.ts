import { minorToDecimal } from '../../../shared/money';

/**
 * Cell formatting for CSV exports. Every cell is text by the time it reaches the CSV
 * writer, so no float ever decides how an amount is written.
 */

/**
 * Starts that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"): `=`,
 * `+`, `-`, `@`, also after leading spaces, tabs, no-break or other Unicode spaces (Excel
 * and LibreOffice skip them), their full-width forms `＝ ＋ － ＠` (some locales' spreadsheets
 * read them as the ASCII ones), and a leading tab or carriage return.
 */
const FORMULA_START = /^(?:[\s\u200b\u2060]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r])/;

/**
 * A text cell a spreadsheet will show as text: a formula start (above) gets a single
 * quote in front, which Excel, LibreOffice and Sheets all read as "this is text". Only
 * free text goes through here; amounts never do (they stay numbers, `-12.50` included).
 */
export function neutralizeText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `neutralizeText` for a cell known to hold neutralized text (tests, re-imports). */
export function unneutralizeText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Integer cents as exact decimal text with a dot: 1250 → "12.50", -1250 → "-12.50". */
export function amountCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return minorToDecimal(Number(value));
  if (typeof value !== 'number') throw new TypeError(`amount cell expects integer cents, got ${typeof value}`);
  return minorToDecimal(value);
}

/** Thousandths (GB × 1000 in the services table) as exact text: 1250 → "1.250". */
export function milliCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError('milli cell expects an integer');
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(4, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -3)}.${digits.slice(-3)}`;
}

export function integerCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError('integer cell expects an integer');
  return String(value);
}

export function textCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return neutralizeText(String(value));
}
