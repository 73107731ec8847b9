import type { ExportKind } from '../../../shared/contract/exports';
import { amountCell, integerCell, milliCell, textCell } from './csv-cells';
import { formatInstant } from './time-zone';

/**
 * One export kind: its columns and the SQL that yields its rows in order. The SQL runs
 * on a read-only connection and is streamed row by row (`.iterate()`), so an export of
 * any size holds one row in memory at a time.
 */

export type ColumnType = 'text' | 'amount' | 'instant' | 'integer' | 'milli';

export interface Column {
  header: string;
  type: ColumnType;
  /** The SQL row's field; defaults to the header. */
  key?: string;
  /** Derived cells (e.g. the hledger account name): `compute` gets the fields named in `from`, in order. */
  derive?: { from: readonly string[]; compute: (...values: unknown[]) => unknown };
}

/** Filters after resolving days to instants: `from` inclusive, `to` exclusive, ISO UTC. */
export interface ExportFilters {
  from: string | null;
  to: string | null;
  customerId: string | null;
  /** Only these customers (the customers kind); absent or null: no such filter. */
  customerIds?: string[] | null;
  accountId: string | null;
  /** The export's moment: the closing instant of statements without `to`. */
  now: string;
}

export interface SqlQuery {
  sql: string;
  params: Record<string, string | number | null>;
}

export interface ExportSpec {
  kind: ExportKind;
  columns: Column[];
  query(filters: ExportFilters): SqlQuery;
  /**
   * The number of rows `query` yields, for progress. Default: count(*) over the query,
   * which runs it twice; a spec with a cheaper exact count (no display joins) gives it here.
   */
  count?(filters: ExportFilters): SqlQuery;
}

/** A SQL row as read with `.raw(true)`: its fields in the order of the statement's columns. */
export type RawRow = readonly unknown[];

/**
 * Turns one raw SQL row into the CSV record of text cells. Rows are read as arrays (no
 * object per row) and each column's position is looked up once here, by name in
 * `fields` (the statement's result columns), not per row.
 */
export function recordFormatter(columns: Column[], timeZone: string, fields: readonly string[]): (row: RawRow) => string[] {
  const at = (name: string): number => {
    const index = fields.indexOf(name);
    if (index < 0) throw new Error(`export column "${name}" is not in the query's result`);
    return index;
  };
  const getters = columns.map((c): ((row: RawRow) => string) => {
    let read: (row: RawRow) => unknown;
    if (c.derive) {
      const { compute } = c.derive;
      const from = c.derive.from.map(at);
      const [a = -1, b = -1] = from;
      // One or two fields (every derived column so far) without an array per row.
      if (from.length === 1) read = (row) => compute(row[a]);
      else if (from.length === 2) read = (row) => compute(row[a], row[b]);
      else read = (row) => compute(...from.map((i) => row[i]));
    } else {
      const index = at(c.key ?? c.header);
      read = (row) => row[index];
    }
    switch (c.type) {
      case 'amount':
        return (row) => amountCell(read(row));
      case 'integer':
        return (row) => integerCell(read(row));
      case 'milli':
        return (row) => milliCell(read(row));
      case 'instant':
        return (row) => {
          const v = read(row);
          return v === null || v === undefined || v === '' ? '' : formatInstant(String(v), timeZone);
        };
      case 'text':
        return (row) => textCell(read(row));
    }
  });
  const count = getters.length;
  return (row) => {
    const cells = new Array<string>(count);
    for (let i = 0; i < count; i++) cells[i] = getters[i]!(row);
    return cells;
  };
}

/** Collects WHERE conditions and named parameters for the optional filters. */
export class Conditions {
  readonly parts: string[] = [];
  readonly params: Record<string, string | number | null> = {};

  add(condition: string, params: Record<string, string | number | null> = {}): this {
    this.parts.push(condition);
    Object.assign(this.params, params);
    return this;
  }

  where(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }

  and(): string {
    return this.parts.length ? `AND ${this.parts.join(' AND ')}` : '';
  }
}

/** SQL: the customer's own accounts with the reseller (not the sub-balance parked upstream). */
export const CUSTOMER_ACCOUNT_SQL = `(la.id = 'credit:' || la.customer_id OR la.id = 'receivable:' || la.customer_id)`;
