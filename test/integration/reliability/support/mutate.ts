import fc from 'fast-check';
import { hostileKey, hostileValue, randomValue, withOwnKey } from './hostile-values';

type Path = (string | number)[];

/** Every place in a sample where a value sits (the root is the empty path). */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  // Only into the sample's own structure: hostile arrays and typed arrays are leaves.
  if (prefix.length > 6 || out.length > 64) return out;
  if (Array.isArray(value) && value.length <= 16) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Deep copy of plain data, keeping own `__proto__` keys as own keys. */
function clone(value: unknown): unknown {
  if (Array.isArray(value) && value.length <= 16) return value.map(clone);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) withOwnKey(out, k, clone(v));
    return out;
  }
  return value;
}

export type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'wrap'; at: number };

const mutation = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), at: fc.nat(), key: hostileKey(), value: hostileValue() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), at: fc.nat() }) },
  );

function parentAndKey(root: { v: unknown }, path: Path): [Record<string | number, unknown>, string | number] {
  let parent: Record<string | number, unknown> = root as unknown as Record<string, unknown>;
  let key: string | number = 'v';
  for (const step of path) {
    parent = parent[key] as Record<string | number, unknown>;
    key = step;
  }
  return [parent, key];
}

/** Applies mutations in order to a copy of `base`; paths are re-read after each one. */
export function applyMutations(base: unknown, mutations: Mutation[]): unknown {
  const root = { v: clone(base) };
  for (const m of mutations) {
    const paths = pathsOf(root.v);
    const path = paths[m.at % paths.length] ?? [];
    const [parent, key] = parentAndKey(root, path);
    switch (m.kind) {
      case 'replace':
        withOwnKey(parent as Record<string, unknown>, String(key), clone(m.value)); // constants are never mutated later
        break;
      case 'delete':
        if (path.length === 0) root.v = undefined;
        else if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (isPlainObject(parent)) delete parent[key];
        break;
      case 'extra': {
        const target = parent[key];
        if (isPlainObject(target)) withOwnKey(target, m.key, clone(m.value));
        else withOwnKey(parent as Record<string, unknown>, String(key), withOwnKey({}, m.key, clone(m.value)));
        break;
      }
      case 'wrap':
        parent[key] = [parent[key]]; // right value, wrong shape
        break;
    }
  }
  return root.v;
}

/** Inputs for one channel: its plausible sample with one to three hostile changes, or anything at all. */
export function hostileInputs(sample: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(mutation(), { minLength: 1, maxLength: 3 }).map((ms) => applyMutations(sample, ms)) },
    { weight: 1, arbitrary: randomValue() },
  );
}
