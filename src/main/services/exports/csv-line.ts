import { stringify, type Options } from 'csv-stringify/sync';
import type { ExportDelimiter } from '../../../shared/contract/exports';

/**
 * The CSV dialect of every export, as csv-stringify options: RFC 4180 with CRLF records,
 * fields quoted only when needed, UTF-8. csv-stringify quotes the delimiter, quotes and
 * CR/LF, but not edge whitespace; Excel, LibreOffice and hledger need that quoted too.
 */
export function csvOptions(delimiter: ExportDelimiter, bom = false): Options {
  return { delimiter, bom, record_delimiter: 'windows', quoted_match: [/[\r\n]/, /^\s|\s$/] };
}

/** The BOM (when asked) and the header record, written by csv-stringify itself. */
export function csvHeader(header: string[], delimiter: ExportDelimiter, bom: boolean): string {
  return stringify([], { ...csvOptions(delimiter, bom), header: true, columns: header });
}

/**
 * One record of text cells as a CSV line (with its CRLF), byte for byte what
 * csv-stringify writes under `csvOptions` (a property test holds the two together).
 * csv-stringify's general path (casting, per-field option objects, several scans per
 * field) costs more than reading the row from SQLite; a journal export writes millions
 * of records, so the hot path quotes with one scan per field instead.
 */
export function csvLineEncoder(delimiter: ExportDelimiter): (cells: readonly string[]) => string {
  // A field is quoted when it holds the delimiter, a quote, CR or LF, or starts or ends
  // with whitespace (the `quoted_match` above); quotes inside are doubled.
  const needsQuotes = delimiter === ';' ? /[;"\r\n]|^\s|\s$/ : /[,"\r\n]|^\s|\s$/;
  return (cells) => {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (i > 0) line += delimiter;
      line += cell !== '' && needsQuotes.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    }
    return `${line}\r\n`;
  };
}
