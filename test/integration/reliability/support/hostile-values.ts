import fc from 'fast-check';

/** An object whose own (not inherited) key is `key`: `{ [key]: v }` would set the prototype for `__proto__`. */
export function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

const HUGE = 1_000_001;
/** Built once: generating megabyte strings per run would make the fuzzer slow, not harsher. */
export const HUGE_STRINGS: readonly string[] = [
  'A'.repeat(HUGE),
  'é'.repeat(70_000),
  '\uD800'.repeat(5_000),
  "'; DROP TABLE customers; --".repeat(10_000),
  '../'.repeat(40_000) + 'etc/passwd',
  '9'.repeat(5_000),
];

export const SQL_STRINGS = [
  "'; DROP TABLE customers; --",
  "' OR '1'='1",
  '1; DELETE FROM transactions',
  "Robert'); DROP TABLE postings;--",
  '%',
  '_',
  "\\' UNION SELECT * FROM sqlite_master --",
  'NULL',
  'ATTACH DATABASE "/tmp/x.db" AS x',
  '"; PRAGMA writable_schema=1; --',
];

export const PATH_STRINGS = [
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\System32\\config\\SAM',
  '/etc/shadow',
  'C:\\Windows\\win.ini',
  '\\\\?\\C:\\',
  '\\\\server\\share\\file',
  'file:///etc/passwd',
  '~/.ssh/id_rsa',
  'CON',
  'nul:',
  '.',
  '..',
  '/',
  'a/../../b',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
];

export const URL_STRINGS = [
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'https://user:pass@evil.example',
  'smb://evil.example/share',
  'ms-msdt:/id PCWDiagnostic',
  'vbscript:msgbox(1)',
  'http://',
  '//evil.example',
];

export const UNICODE_STRINGS = [
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  'a\uDC00b',
  '\uFFFE\uFFFF',
  '\u0000',
  'abc\u0000def',
  '\u001b[31mred',
  '\u202Eevil.exe', // right-to-left override
  '\u200B', // zero width space
  'e\u0301', // combining accent
  '𝕳𝖊𝖑𝖑𝖔',
  '\r\n\r\n',
  ' ',
  '',
];

export const HOSTILE_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  -1,
  -100,
  0.5,
  -0.5,
  100.5,
  0.1 + 0.2,
  1e-7,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
];

/** Keys that have tripped prototype pollution and `Object.assign`/spread merges. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '', ' ', 'A'.repeat(10_000), '\uD800', "'; DROP TABLE x; --", '../x'];

const prototypePayloads = (): fc.Arbitrary<unknown> =>
  fc.constantFrom(
    () => JSON.parse('{"__proto__": {"polluted": true, "isAdmin": true}}') as unknown,
    () => JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
    () => withOwnKey({}, '__proto__', { polluted: true }),
    () => Object.create(null) as unknown,
    () => withOwnKey({ toString: 'not a function' }, 'valueOf', 42),
  ).map((make) => make());

/** Values wrong in type, size, range or encoding for any field. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(null, undefined, true, false, [], {}, [[[]]], '0', 'true', 'null', 'undefined', 'NaN', '1e309', '-1', '0.5', '100.00') },
    { weight: 2, arbitrary: fc.constantFrom(...SQL_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...PATH_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...URL_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...UNICODE_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
    { weight: 2, arbitrary: prototypePayloads() },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }, // any code unit, lone surrogates included
    { weight: 1, arbitrary: fc.integer().map((n) => n * 1_000_003) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.array(fc.constantFrom<unknown>(1, 'a', null, Number.NaN), { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.constantFrom(new Array(100_000).fill('x'), Array.from({ length: 10_000 }, (_, i) => ({ i }))) },
    { weight: 1, arbitrary: fc.constantFrom(new Date(Number.NaN), new Map([['a', 1]]), new Set([1]), new Uint8Array(8), 10n) },
  );
}

export function hostileKey(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }));
}

/** Completely arbitrary values: whatever a compromised page could send. */
export function randomValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withUnicodeString: true }),
    fc.dictionary(hostileKey(), hostileValue(), { maxKeys: 4 }),
    hostileValue(),
  );
}
