import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName } from '../../../src/shared/contract';
import { createTestApp, type TestApp } from '../../support/app';
import { tableDigests } from './support/db-hash';
import { hostileInputs } from './support/mutate';
import { sampleOf } from './support/zod-sample';

/**
 * IPC fuzzing: every channel of the contract (new ones are picked up from `channelNames`)
 * gets at least RUNS hostile inputs through the real dispatcher and handler table on a
 * real ledger file. Each must be refused with INVALID_INPUT or a domain error — never
 * INTERNAL, never a throw, never a stack trace — and leave every table's rows as they were.
 *
 * An input that still passes the channel's schema is a legitimate call, not a hostile one:
 * it is counted as "valid", sent only to read channels (whose answers are still checked)
 * and never counted towards RUNS.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** Channels that only read: a schema-valid input is still worth sending to them. */
const READ_CHANNEL = /:(list|get|info|status|summary|capabilities|quote|statement|balances|last-folder|error-report|usage|format|events)$/;

const MAX_MESSAGE = 600;
const STACK_LIKE = /\n\s+at\s|\.(?:ts|js|cjs|mjs):\d+|node_modules|Error:\s/;

interface Figures {
  hostile: number;
  valid: number;
  domainErrors: Record<string, number>;
  longestMessage: number;
}

let app: TestApp;
let baseline: Record<string, string>;
const figures = new Map<ChannelName, Figures>();

async function call(name: ChannelName, input?: unknown) {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw new Error(`seed ${name}: ${result.error.code} ${result.error.message}`);
  return result.value as { id?: string; customer?: { id: string } } & Record<string, unknown>;
}

beforeAll(async () => {
  app = await createTestApp();
  // A business with some content, so "unchanged" is about real rows.
  await call('settings:update', { theme: 'dark', pollIntervalMinutes: 15 });
  const alice = await call('customers:create', { email: 'alice@example.com', name: 'Alice', company: 'Acme', tags: ['vip'] });
  await call('customers:create', { email: 'bob@example.com', name: 'Bob' });
  const aliceId = (alice.id ?? alice.customer?.id) as string;
  await call('payments:record', { customerId: aliceId, amount: 12_345, method: 'bank', reference: 'INV-1' });
  await call('pricing:update', { defaultMarginPercent: '25' });
  baseline = tableDigests(app.ctx.ledger.sqlite);
});

afterAll(async () => {
  const rows = [...figures.entries()].map(([name, f]) => ({ channel: name, hostile: f.hostile, valid: f.valid, longestMessage: f.longestMessage, codes: Object.entries(f.domainErrors).map(([c, n]) => `${c}:${n}`).join(' ') }));
  const totalHostile = rows.reduce((s, r) => s + r.hostile, 0);
  const totalValid = rows.reduce((s, r) => s + r.valid, 0);
  console.info(`IPC fuzz: ${rows.length} channels, ${totalHostile} hostile inputs refused, ${totalValid} schema-valid inputs generated (sent to read channels only)`);
  console.table(rows);
  await app?.close();
});

describe('IPC fuzzing: every channel refuses hostile input without crashing or changing the ledger', () => {
  it('covers the whole contract', () => {
    expect(channelNames.length).toBeGreaterThanOrEqual(50);
    expect(new Set(channelNames).size).toBe(channelNames.length);
  });

  for (const name of channelNames) {
    it(`${name}: ${RUNS} hostile inputs → INVALID_INPUT or a domain error, ledger identical`, async () => {
      const schema = channels[name].input as z.ZodType;
      const f: Figures = { hostile: 0, valid: 0, domainErrors: {}, longestMessage: 0 };
      figures.set(name, f);
      const readOnly = READ_CHANNEL.test(name) || name === 'settings:get' || name === 'pricing:get';

      const check = async (input: unknown, valid: boolean) => {
        let result: Awaited<ReturnType<TestApp['dispatch']>>;
        try {
          result = await app.dispatch(name, input);
        } catch (error) {
          throw new Error(`${name} threw instead of answering: ${String(error)}`, { cause: error });
        }
        if (result.ok) {
          if (!valid) throw new Error(`${name} accepted an input its schema refuses`);
          return;
        }
        const { code, message } = result.error;
        if (code === 'INTERNAL' || code === 'UNKNOWN_CHANNEL') throw new Error(`${name} answered ${code} to ${preview(input)}`);
        if (!valid && code !== 'INVALID_INPUT') throw new Error(`${name} answered ${code} to an input its schema refuses`);
        if (typeof message !== 'string' || message.length === 0) throw new Error(`${name}: an error without a message`);
        if (STACK_LIKE.test(message)) throw new Error(`${name}: the error message looks like a stack: ${message.slice(0, 300)}`);
        // A message is for a person: bounded even when the page sends megabyte keys.
        if (message.length > MAX_MESSAGE) throw new Error(`${name}: a ${message.length}-character error message`);
        f.longestMessage = Math.max(f.longestMessage, message.length);
        if (code !== 'INVALID_INPUT') f.domainErrors[code] = (f.domainErrors[code] ?? 0) + 1;
      };

      await fc.assert(
        fc.asyncProperty(hostileInputs(sampleOf(schema)), async (input) => {
          const valid = schema.safeParse(input).success;
          if (valid) {
            f.valid++;
            if (readOnly) await check(input, true);
            fc.pre(false); // a legitimate call: not one of the RUNS hostile inputs
          }
          f.hostile++;
          await check(input, false);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: RUNS, maxSkipsPerRun: 1000, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );

      expect(f.hostile).toBeGreaterThanOrEqual(RUNS);
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(Object.prototype).not.toHaveProperty('isAdmin');
      expect(tableDigests(app.ctx.ledger.sqlite)).toEqual(baseline);
      // Still answering normally afterwards.
      expect((await app.dispatch('app:info', undefined)).ok).toBe(true);
    }, 120_000);
  }
});

function preview(input: unknown): string {
  try {
    const text = JSON.stringify(input);
    return text === undefined ? String(input) : text.slice(0, 300);
  } catch {
    return Object.prototype.toString.call(input);
  }
}
