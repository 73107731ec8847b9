/**
 * Keeps three things in step (issue 15): the adapters' route tables, docs/UPSTREAM-CONTRACT.md,
 * and what the adapters actually send. Every Provider method is called against a local
 * server that records each request, once with the upstream answering and once with every
 * route missing (so the fallbacks run too); each request must belong to the table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProvider, proxiesSxAuth } from '../../../src/main/providers';
import { PROXIES_SX_ROUTES } from '../../../src/main/providers/proxies-sx/routes';
import { findRoute, type RouteTable } from '../../../src/main/providers/routes';
import type { CapabilityStates, Provider, ProviderKind } from '../../../src/main/providers/types';
import { WHOZEX_ROUTES } from '../../../src/main/providers/whozex/routes';
import { json, startLocalServer } from '../../integration/providers/support/local-server';

const DOC = readFileSync(join(__dirname, '../../../docs/UPSTREAM-CONTRACT.md'), 'utf8');
const TABLES: Record<ProviderKind, { heading: string; table: RouteTable }> = {
  'proxies-sx': { heading: '## Proxies.sx', table: PROXIES_SX_ROUTES },
  whozex: { heading: '## Whozex', table: WHOZEX_ROUTES },
};

/** `| \`id\` | METHOD | \`/path\` | source | …` rows of one provider's section. */
function docRows(heading: string): string[] {
  const start = DOC.indexOf(`\n${heading}\n`);
  expect(start, `${heading} section`).toBeGreaterThan(-1);
  const rest = DOC.slice(start + heading.length + 2);
  const section = rest.slice(0, rest.search(/\n## /) === -1 ? undefined : rest.search(/\n## /));
  const rows: string[] = [];
  for (const line of section.split('\n')) {
    const m = /^\| `([\w.]+)` \| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \| (seed:L\d+|facts|assumed) \|/.exec(line);
    if (m) rows.push(`${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
  }
  return rows.sort();
}

function tableRows(table: RouteTable): string[] {
  return Object.entries(table)
    .map(([id, r]) => `${id} ${r.method} ${r.path} ${r.documented ?? 'assumed'}`)
    .sort();
}

describe('docs/UPSTREAM-CONTRACT.md and the route tables', () => {
  for (const [kind, { heading, table }] of Object.entries(TABLES)) {
    it(`lists every ${kind} route of the table, and nothing else, with the same source`, () => {
      expect(docRows(heading)).toEqual(tableRows(table));
    });
  }
});

const servers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of servers) await close();
});

/** Every method of the Provider interface, with throwaway arguments. */
function everyCall(p: Provider): (() => Promise<unknown>)[] {
  const m = { idempotencyKey: 'contract-test-0001' };
  return [
    () => p.verifyKey(),
    () => p.learnCapabilities(),
    () => p.getAccount(),
    () => p.listTransactions({ limit: 5 }),
    () => p.createCustomer({ email: 'a@b.c', name: 'A' }, m),
    () => p.listCustomers({ limit: 5, search: 'a' }),
    () => p.getCustomer('c1'),
    () => p.updateCustomer('c1', { name: 'B' }, m),
    () => p.suspendCustomer('c1', m),
    () => p.resumeCustomer('c1', m),
    () => p.topUpCustomer('c1', { amount: 100 }, m),
    () => p.deductCustomer('c1', { amount: 100 }, m),
    () => p.createPort({ customerId: 'c1', countryId: 'de', days: 1 }, m),
    () => p.rotatePort('p1', m),
    () => p.extendPort('p1', { days: 1 }, m),
    () => p.listPorts({ limit: 5, customerId: 'c1', status: 'active' }),
    () => p.getPort('p1'),
    () => p.createPackage({ customerId: 'c1', gb: 1 }, m),
    () => p.addGb('k1', { gb: 1 }, m),
    () => p.getPackage('k1'),
    () => p.getCredentials('k1', { country: 'US' }),
    () => p.getUsage('k1', { duration: '7d' }),
    () => p.getPricebook(),
    () => p.updatePricebook({ pricingMode: 'margin' }, m),
    () => p.setCountryOverride({ countryId: 'de', marginBps: 100 }, m),
    () => p.quote({ type: 'port', basePricePerDayMicros: 2_000_000, days: 1 }),
    () => p.quote({ type: 'traffic', gb: 1 }),
    () => p.registerWebhook({ url: 'https://x.example/h', events: ['port.created'] }, m),
    () => p.listWebhooks(),
    () => p.deleteWebhook('w1', m),
    () => p.listCountries(),
    () => p.listCities('de'),
    () => p.listCarriers('de'),
    () => p.regenerateKey(m),
  ];
}

describe('the adapters send nothing outside their route tables', () => {
  for (const kind of ['proxies-sx', 'whozex'] as const) {
    for (const mode of ['answering', 'every route missing'] as const) {
      it(`${kind}, upstream ${mode}`, async () => {
        const server = await startLocalServer((req, res) => {
          if (mode === 'every route missing') {
            const path = (req.url ?? '').split('?')[0];
            return kind === 'proxies-sx'
              ? json(res, 404, JSON.stringify({ statusCode: 404, message: `Cannot ${req.method} ${path}`, error: 'Not Found' }))
              : json(res, 404, JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: `No route ${req.method} ${path}` } }));
          }
          return json(res, 200, kind === 'proxies-sx' ? '{"customers":[],"ports":[],"total":0}' : '{"success":true,"data":{"users":[]},"meta":{}}');
        });
        servers.push(server.close);
        const states: CapabilityStates = {};
        const provider = createProvider(kind, {
          accountName: 'Contract',
          baseUrl: server.baseUrl,
          apiKey: async () => (kind === 'proxies-sx' ? 'psx_contract_key' : 'wx_live_contract_key'),
          http: { retry: { retries: 0 } },
          capabilityStates: () => states,
          onCapabilityLearned: (cap, state) => void (states[cap] = state),
        });
        for (const call of everyCall(provider)) await call().catch(() => undefined);
        if (kind === 'proxies-sx') {
          await proxiesSxAuth.login(server.baseUrl, 'a@b.c', 'pw', { http: { retry: { retries: 0 } } }).catch(() => undefined);
          await proxiesSxAuth.createApiKey(server.baseUrl, 'jwt', 'k', ['customers:read'], { idempotencyKey: 'contract-test-0002', http: { retry: { retries: 0 } } }).catch(() => undefined);
        }
        await provider.close();

        const table = TABLES[kind].table;
        const sent = server.arrivals.map((a) => `${a.method} ${a.url.split('?')[0]!.replace(/^\/v1/, '')}`);
        expect(sent.length).toBeGreaterThan(20);
        const outside = sent.filter((s) => {
          const [method, path] = s.split(' ') as [string, string];
          return findRoute(table, method, path) === null;
        });
        expect(outside).toEqual([]);
        if (mode === 'every route missing') {
          // Each assumed capability that was used is now known to be absent for this account.
          expect(Object.values(states).every((s) => s === 'absent')).toBe(true);
          expect(Object.keys(states).length).toBeGreaterThan(0);
        }
      });
    }
  }
});
