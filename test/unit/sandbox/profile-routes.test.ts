import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAssumed, openApiPath, parseProfile, routesFor } from '../../../src/main/sandbox/core/profile';
import { PSX_ROUTES, WHOZEX_DOCUMENTED_EVENTS, WHOZEX_ROUTES } from '../../../src/main/sandbox/core/profile-routes';
import { PSX_DOCUMENTED_EVENTS, PSX_EVENTS } from '../../../src/main/sandbox/proxies-sx/events';
import { WEBHOOK_EVENTS } from '../../../src/main/sandbox/whozex/events';

/** The upstream documents live beside the checkout (shared/seeds), not in the repository. */
const SEEDS = [process.env.RESELLER_DESK_SEEDS, resolve(process.cwd(), '../shared/seeds'), resolve(process.cwd(), '../../shared/seeds')].find(
  (d): d is string => !!d && existsSync(resolve(d, 'upstream-facts.md')),
);
const FILES = { guide: 'proxies-sx-reseller-guide.txt', whozex: 'whozex-reseller-api.txt', facts: 'upstream-facts.md' } as const;

describe('sandbox profile route lists', () => {
  it('documented is the list minus every assumed route; extended serves all of it', () => {
    for (const all of [PSX_ROUTES, WHOZEX_ROUTES]) {
      expect(routesFor(all, 'documented').some(isAssumed)).toBe(false);
      expect(routesFor(all, 'extended')).toHaveLength(all.length);
      const keys = all.map((r) => `${r.method} ${r.path}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('cites a source for every route: a seed line, or why it is assumed', () => {
    for (const r of [...PSX_ROUTES, ...WHOZEX_ROUTES]) expect(r.source, r.path).toMatch(/^(assumed: .+|(guide|whozex|facts):\d+)/);
  });

  it('the documented Proxies.sx profile has no balance route and keeps the documented port list and both rotate routes', () => {
    const docs = routesFor(PSX_ROUTES, 'documented').map((r) => `${r.method} ${r.path}`);
    expect(docs.filter((k) => /balance|account|transactions/.test(k))).toEqual([]);
    expect(docs).toEqual(expect.arrayContaining(['GET /v1/ports', 'POST /v1/ports/:id/rotate', 'POST /v1/reseller/ports/:id/rotate', 'GET /v1/reseller/customers', 'GET /v1/reseller/docs/openapi']));
  });

  it('documented webhook events are the seeds\' own and a subset of what extended sends', () => {
    expect([...PSX_DOCUMENTED_EVENTS].sort()).toEqual(['balance.low', 'customer.quota_exceeded', 'port.created', 'port.expired', 'port.rotated']);
    expect(PSX_EVENTS).toEqual(expect.arrayContaining([...PSX_DOCUMENTED_EVENTS]));
    expect(WEBHOOK_EVENTS).toEqual(expect.arrayContaining([...WHOZEX_DOCUMENTED_EVENTS]));
  });

  it('turns route patterns into OpenAPI paths and refuses unknown profiles', () => {
    expect(openApiPath('/v1/reseller/customers/:id/topup')).toBe('/reseller/customers/{id}/topup');
    expect(parseProfile('documented')).toBe('documented');
    expect(() => parseProfile('strict')).toThrow(/documented, extended/);
  });

  it.skipIf(!SEEDS)('each documented route\'s cited line names its path (when the seeds are beside the checkout)', () => {
    const lines = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, readFileSync(resolve(SEEDS!, f), 'utf8').split('\n')])) as Record<keyof typeof FILES, string[]>;
    for (const r of [...PSX_ROUTES, ...WHOZEX_ROUTES].filter((x) => !isAssumed(x))) {
      const [, file, line] = /^(guide|whozex|facts):(\d+)/.exec(r.source)!;
      const text = lines[file as keyof typeof FILES][Number(line) - 1] ?? '';
      const segments = r.path.replace(/^\/v1/, '').split('/').filter((s) => s && !s.startsWith(':'));
      for (const s of segments) expect(text, `${r.method} ${r.path} → ${r.source}`).toContain(s);
    }
  });
});
