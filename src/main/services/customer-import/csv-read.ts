import { parse } from 'csv-parse/sync';
import type { DetectedDelimiter, ImportDelimiter } from '../../../shared/contract/customer-bulk';
import { IMPORT_MAX_BYTES } from '../../../shared/contract/customer-bulk';
import { AppError } from '../../../shared/errors';

/** A CSV file read into a header and records, each record with the line it starts on. */

export interface CsvRecord {
  /** Line where the record starts (1 = the header), counting newlines inside quoted cells. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: DetectedDelimiter;
  header: string[];
  records: CsvRecord[];
}

const CHARACTERS: Record<DetectedDelimiter, string> = { comma: ',', semicolon: ';', tab: '\t' };
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Picks the delimiter the header line uses most (outside quotes): Excel in many European
 * locales saves with semicolons. A tie, or none at all (one column), is a comma.
 */
export function detectDelimiter(csv: string): DetectedDelimiter {
  const counts: Record<DetectedDelimiter, number> = { comma: 0, semicolon: 0, tab: 0 };
  let quoted = false;
  for (let i = csv.charCodeAt(0) === 0xfeff ? 1 : 0; i < csv.length; i++) {
    const ch = csv[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') counts.comma++;
    else if (!quoted && ch === ';') counts.semicolon++;
    else if (!quoted && ch === '\t') counts.tab++;
  }
  if (counts.semicolon > counts.comma && counts.semicolon >= counts.tab) return 'semicolon';
  if (counts.tab > counts.comma && counts.tab > counts.semicolon) return 'tab';
  return 'comma';
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

export function readCsv(csv: string, requested: ImportDelimiter): CsvTable {
  if (Buffer.byteLength(csv, 'utf8') > IMPORT_MAX_BYTES) {
    throw new AppError('INVALID_INPUT', 'csv: the file is larger than 10 MB. Split it into smaller files.', { field: 'csv' });
  }
  const delimiter = requested === 'auto' ? detectDelimiter(csv) : requested;
  let parsed: { record: string[]; raw: string }[];
  try {
    parsed = parse(csv, {
      bom: true,
      delimiter: CHARACTERS[delimiter],
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      // A stray quote inside an unquoted cell (`5" screen`) is kept as text, as spreadsheets do.
      relax_quotes: true,
      skip_empty_lines: false,
      raw: true,
    }) as unknown as { record: string[]; raw: string }[];
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    const where = typeof e.lines === 'number' ? ` near line ${e.lines}` : '';
    const why = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed' : 'it is not valid CSV';
    throw new AppError('INVALID_INPUT', `csv: the file could not be read${where}: ${why}. Check the quotes, or save it again as CSV from the spreadsheet.`, {
      field: 'csv',
      cause: error,
    });
  }
  // raw holds each record's text with its line break(s); counting them gives each record's first line.
  let line = 1;
  let header: string[] | null = null;
  const records: CsvRecord[] = [];
  for (const { record, raw } of parsed) {
    const start = line;
    line += raw.match(LINE_BREAK)?.length ?? 0;
    if (isBlank(record)) continue;
    if (header === null) header = record.map((h) => h.trim());
    else records.push({ line: start, cells: record });
  }
  if (header === null) throw new AppError('INVALID_INPUT', 'csv: the file has no header row. The first line must name the columns (email, name, …).', { field: 'csv' });
  return { delimiter, header, records };
}
