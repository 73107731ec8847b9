/**
 * Typed, path-aware reading of a lossless-parsed JSON answer. Every mismatch becomes
 * AppError('UPSTREAM_PROTOCOL') naming the field, never a TypeError deep in a service.
 * Money goes through decimalToMinor/decimalToMicros on the number's exact text.
 */
import { AppError } from '../../../shared/errors';
import { decimalToMicros, decimalToMinor, MoneyFormatError, parseDecimal, type Micros, type Minor } from '../../../shared/money';
import { isLosslessNumber } from './json';
import type { GbMilli, IsoDate } from '../types';

type Obj = Record<string, unknown>;

export class JsonReader {
  constructor(
    readonly value: unknown,
    readonly path: string,
    /** 'Proxies.sx' / 'Whozex' for messages. */
    readonly upstream: string,
    /**
     * The answer confirms a change (2xx to a mutation): if it cannot be read, the change
     * still happened, so the failure is UPSTREAM_OUTCOME_UNKNOWN (reconcile), never a
     * plain error that would let the journal mark the operation as failed.
     */
    readonly afterChange = false,
  ) {}

  static root(value: unknown, upstream: string, options: { afterChange?: boolean; path?: string } = {}): JsonReader {
    return new JsonReader(value, options.path ?? 'response', upstream, options.afterChange ?? false);
  }

  private child(value: unknown, path: string): JsonReader {
    return new JsonReader(value, path, this.upstream, this.afterChange);
  }

  fail(reason: string, at: string = this.path): never {
    if (this.afterChange) {
      throw new AppError(
        'UPSTREAM_OUTCOME_UNKNOWN',
        `${this.upstream} accepted the change, but Reseller Desk cannot read its answer (${at}: ${reason}). Reseller Desk will check with ${this.upstream} before trying again, so nothing is done twice.`,
        { details: { field: at } },
      );
    }
    throw new AppError(
      'UPSTREAM_PROTOCOL',
      `${this.upstream} sent an answer Reseller Desk cannot read (${at}: ${reason}). Try again; if it keeps happening, the ${this.upstream} API may have changed.`,
      { details: { field: at } },
    );
  }

  isObject(): boolean {
    return typeof this.value === 'object' && this.value !== null && !Array.isArray(this.value) && !isLosslessNumber(this.value);
  }

  isArray(): boolean {
    return Array.isArray(this.value);
  }

  private obj(): Obj {
    if (!this.isObject()) this.fail('expected an object');
    return this.value as Obj;
  }

  has(name: string): boolean {
    if (!this.isObject()) return false;
    const v = (this.value as Obj)[name];
    return v !== undefined && v !== null;
  }

  /** The child at `name` (may hold undefined). */
  at(name: string): JsonReader {
    return this.child(this.obj()[name], `${this.path}.${name}`);
  }

  /** The first present of several alternative names (`_id` / `id`). */
  first(...names: string[]): JsonReader {
    for (const n of names) if (this.has(n)) return this.at(n);
    return this.at(names[0]!);
  }

  items(): JsonReader[] {
    if (!Array.isArray(this.value)) this.fail('expected a list');
    return (this.value as unknown[]).map((v, i) => this.child(v, `${this.path}[${i}]`));
  }

  isAbsent(): boolean {
    return this.value === undefined || this.value === null;
  }

  // ---- scalars at this node ----

  asString(): string {
    if (typeof this.value === 'string') return this.value;
    if (isLosslessNumber(this.value)) return this.value.toString();
    return this.fail('expected text');
  }

  asOptString(): string | null {
    return this.isAbsent() ? null : this.asString();
  }

  asBool(): boolean {
    if (typeof this.value === 'boolean') return this.value;
    return this.fail('expected true or false');
  }

  asOptBool(): boolean | null {
    return this.isAbsent() ? null : this.asBool();
  }

  private numberText(): string {
    if (isLosslessNumber(this.value)) return this.value.toString();
    // Some APIs quote decimals ("150.00"): accept decimal text, still exactly.
    if (typeof this.value === 'string' && /^-?\d+(\.\d+)?$/.test(this.value.trim())) return this.value.trim();
    return this.fail('expected a number');
  }

  asInt(): number {
    const text = this.numberText();
    if (!/^-?\d+(\.0+)?$/.test(text)) this.fail(`expected a whole number, got ${text}`);
    const n = Number(text.split('.')[0]);
    if (!Number.isSafeInteger(n)) this.fail(`${text} is too large`);
    return n;
  }

  asOptInt(): number | null {
    return this.isAbsent() ? null : this.asInt();
  }

  /** A money amount → integer cents; sub-cent text is refused, never rounded. */
  asMinor(): Minor {
    const text = this.numberText();
    try {
      return decimalToMinor(text);
    } catch (e) {
      if (e instanceof MoneyFormatError) this.fail(/too large/.test(e.message) ? `amount ${text} is too large` : `amount ${text} is not a whole number of cents`);
      throw e;
    }
  }

  asOptMinor(): Minor | null {
    return this.isAbsent() ? null : this.asMinor();
  }

  /** A per-unit rate → integer micro-units; finer than a micro is refused. */
  asMicros(): Micros {
    const text = this.numberText();
    try {
      return decimalToMicros(text);
    } catch (e) {
      if (e instanceof MoneyFormatError) this.fail(/too large/.test(e.message) ? `rate ${text} is too large` : `rate ${text} is finer than a millionth`);
      throw e;
    }
  }

  asOptMicros(): Micros | null {
    return this.isAbsent() ? null : this.asMicros();
  }

  /** A GB quantity → integer milli-GB; usage finer than a megabyte is rounded half away (not money). */
  asGbMilli(): GbMilli {
    const text = this.numberText();
    const v = parseDecimal(text, 3, 'half-away');
    const n = Number(v);
    if (!Number.isSafeInteger(n)) this.fail(`${text} is too large`);
    return n;
  }

  asOptGbMilli(): GbMilli | null {
    return this.isAbsent() ? null : this.asGbMilli();
  }

  /** A percentage (25, 12.5) → basis points. */
  asBps(): number {
    const text = this.numberText();
    try {
      return Number(parseDecimal(text, 2));
    } catch {
      return this.fail(`percentage ${text} is finer than a hundredth`);
    }
  }

  asOptBps(): number | null {
    return this.isAbsent() ? null : this.asBps();
  }

  /** A multiplier (1.5) → millionths. */
  asMillionths(): number {
    const text = this.numberText();
    try {
      return Number(parseDecimal(text, 6));
    } catch {
      return this.fail(`multiplier ${text} is finer than a millionth`);
    }
  }

  asOptMillionths(): number | null {
    return this.isAbsent() ? null : this.asMillionths();
  }

  /** ISO text or epoch milliseconds → ISO UTC text. */
  asDate(): IsoDate {
    if (typeof this.value === 'string') {
      const t = Date.parse(this.value);
      if (Number.isNaN(t)) this.fail(`"${this.value}" is not a date`);
      return new Date(t).toISOString();
    }
    if (isLosslessNumber(this.value)) {
      const ms = this.asInt();
      const d = new Date(ms);
      if (Number.isNaN(d.getTime())) this.fail(`${ms} is not a date`);
      return d.toISOString();
    }
    return this.fail('expected a date');
  }

  asOptDate(): IsoDate | null {
    return this.isAbsent() ? null : this.asDate();
  }

  asStringList(): string[] {
    return this.items().map((i) => i.asString());
  }

  // ---- shorthands on fields ----

  str(name: string): string {
    return this.at(name).asString();
  }
  optStr(name: string): string | null {
    return this.has(name) ? this.at(name).asString() : null;
  }
}
