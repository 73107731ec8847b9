import type { z } from 'zod';

/**
 * A plausible, usually valid, value for a zod 4 schema, read from its definition
 * (`_zod.def`): the base that the fuzzer mutates, so each hostile input differs from a
 * sensible call by one or a few fields rather than being rejected for an obvious reason.
 */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  format?: string;
  items?: z.ZodType[];
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}

export function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

const FORMAT_SAMPLES: Record<string, string> = {
  datetime: '2026-01-10T09:30:00Z',
  date: '2026-01-10',
  email: 'ops@example.com',
  url: 'https://example.com/',
  uuid: '0b5d2c3e-8f1a-4c7e-9d2b-6a1e3f4c5d6e',
};

export function sampleOf(schema: z.ZodType, depth = 0): unknown {
  if (depth > 8) return undefined;
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const value = sampleOf(field, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType ? sampleOf(def.innerType, depth + 1) : undefined;
    case 'pipe':
      return def.in ? sampleOf(def.in, depth + 1) : undefined;
    case 'lazy':
      return def.getter ? sampleOf(def.getter(), depth + 1) : undefined;
    case 'union':
      return def.options?.[0] ? sampleOf(def.options[0], depth + 1) : undefined;
    case 'array':
      return def.element ? [sampleOf(def.element, depth + 1)] : [];
    case 'tuple':
      return (def.items ?? []).map((item) => sampleOf(item, depth + 1));
    case 'record':
      return def.valueType ? { key: sampleOf(def.valueType, depth + 1) } : {};
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'string':
      return (def.format && FORMAT_SAMPLES[def.format]) ?? 'Sample1';
    case 'number':
    case 'int':
      return 100;
    case 'bigint':
      return 100n;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'date':
      return new Date(Date.UTC(2026, 0, 10));
    default:
      // undefined, void, any, unknown, never, transform, custom...
      return undefined;
  }
}
