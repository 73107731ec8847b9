import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, startPsx, US, type PsxHarness } from './proxies-sx-harness';

let h: PsxHarness;
let customerId: string;
let portId: string;
beforeAll(async () => {
  h = await startPsx();
  customerId = await createCustomer(h, { allocatedPortSlots: 2 });
  portId = (await h.call('POST', '/reseller/ports', { body: { customerId, countryId: US, days: 1 } })).json.port._id;
});
afterAll(async () => h.close());

const snapshot = async () =>
  JSON.stringify([
    (await h.call('GET', '/reseller/balance')).json,
    (await h.call('GET', '/reseller/customers?limit=100')).json,
    (await h.call('GET', '/reseller/ports?limit=100')).json,
    (await h.call('GET', '/reseller/pricebook')).json,
    (await h.call('GET', '/reseller/webhooks')).json,
  ]);

/** Values that are wrong for every field they could land in. */
const wrong = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 5 }),
  fc.integer({ min: -5, max: -1 }),
  fc.double({ noNaN: false }).filter((d) => !Number.isInteger(d) || d < 0),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  fc.boolean(),
);

describe('Proxies.sx refuses malformed requests without changing anything or crashing', () => {
  it('random bodies on every write route → 4xx, never 5xx, state unchanged', async () => {
    const before = await snapshot();
    const routes: [string, string, string[]][] = [
      ['POST', '/reseller/customers', ['email', 'name', 'allocatedPortSlots', 'initialBalance']],
      ['PATCH', `/reseller/customers/${customerId}`, ['email', 'allocatedPortSlots', 'name']],
      ['POST', `/reseller/customers/${customerId}/topup`, ['amount', 'referenceId']],
      ['POST', '/reseller/ports', ['customerId', 'countryId', 'days', 'isPrivate']],
      ['POST', `/reseller/ports/${portId}/extend`, ['days']],
      ['PUT', '/reseller/pricebook', ['pricingMode', 'defaultMarginPercent', 'portPricing']],
      ['POST', '/reseller/pricebook/country-override', ['countryId', 'marginPercent']],
      ['POST', '/reseller/pricebook/calculate', ['type', 'basePrice', 'days']],
      ['POST', '/reseller/webhooks', ['name', 'url', 'events']],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 20 }),
          fc.constant('{"a":'),
        ),
        fc.array(wrong, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (routeIndex, rawBody, values, useFields) => {
          const [method, path, fields] = routes[routeIndex]!;
          const raw = useFields ? JSON.stringify(Object.fromEntries(fields.map((f, i) => [f, values[i % values.length]]))) : rawBody;
          const res = await h.call(method, path, { raw });
          expect(res.status, `${method} ${path} ${raw} → ${res.text}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${method} ${path} ${raw} → ${res.text}`).toBeLessThan(500);
          expect(res.json.statusCode).toBe(res.status);
        },
      ),
      { numRuns: 150, seed: 20260101 },
    );
    expect(await snapshot()).toBe(before);
  });

  it('wrong content types, oversized bodies, odd query strings', async () => {
    const text = await fetch(`${h.baseUrl}/reseller/customers`, {
      method: 'POST',
      headers: { 'x-api-key': h.sandbox.proxiesSx.apiKey, 'content-type': 'text/plain' },
      body: 'email=x',
    });
    expect(text.status).toBe(400);
    const big = await h.call('POST', '/reseller/customers', { raw: JSON.stringify({ email: 'a@b.co', name: 'x'.repeat(2_000_000) }) });
    expect(big.status).toBe(413);
    expect((await h.call('GET', '/reseller/customers?limit=1&limit=2')).status).toBe(400);
    expect((await h.call('GET', '/reseller/ports?skip=-1')).status).toBe(400);
    expect((await h.call('GET', '/reseller/customers/%E2%9C%93')).status).toBe(404);
  });
});
