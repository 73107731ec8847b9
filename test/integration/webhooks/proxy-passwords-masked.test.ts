import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventsPage, InboxEventView } from '../../../src/shared/contract/events';
import { signProxiesSx, signWhozex } from '../../../src/main/webhooks/signatures';
import { maskRaw } from '../../../src/main/services/events/mask-proxy-passwords';
import { createFileLogger } from '../../../src/main/logging/logger';
import { createTestApp, type TestApp } from '../../support/app';
import { makeTempDir } from '../../support/temp-dir';
import { accountWithWebhook, rawRequest } from './support';

const WZX_SECRET = 'wxsec_mask_test_secret';
const PSX_SECRET = 'whsec_mask_test_secret';
const PSX_PASSWORD = 'pX7q9Lm2Zt';
const WZX_PASSWORD = 'wxp1a2b3c4d5e6f7a8';

let app: TestApp;
let wzx: string;
let psx: string;
const pushed: InboxEventView[] = [];

beforeEach(async () => {
  app = await createTestApp();
  wzx = await accountWithWebhook(app, 'whozex', WZX_SECRET);
  psx = await accountWithWebhook(app, 'proxies-sx', PSX_SECRET);
  await app.ctx.webhooks.start({ port: 0 });
  pushed.length = 0;
  app.ctx.bus.subscribe((name, payload) => {
    if (name === 'event:inbox') pushed.push(payload as InboxEventView);
  });
});

afterEach(async () => {
  await app.close();
});

describe('proxy passwords on the Events page', () => {
  it('are masked in the raw body and payload of events:list, events:get and pushed events; the ledger keeps the delivery as received', async () => {
    const t = Math.floor(app.clock.now().getTime() / 1000);
    const psxBody = JSON.stringify({
      id: 'evt_port_1',
      event: 'port.created',
      createdAt: app.clock.now().toISOString(),
      data: { customerId: 'C1', port: { _id: 'P1', proxyLogin: 'user123', proxyPassword: PSX_PASSWORD, serverIp: '185.123.45.67', httpPort: 10001, url: `http://user123:${PSX_PASSWORD}@185.123.45.67:10001` } },
    });
    const psxHeaders = { 'content-type': 'application/json', 'x-proxies-event-id': 'evt_port_1', ...signProxiesSx(psxBody, PSX_SECRET, t) };
    expect((await rawRequest(app.ctx.webhooks.endpointUrl(psx)!, { headers: psxHeaders, body: psxBody })).status).toBe(200);

    const wzxBody = JSON.stringify({
      event: 'package.created',
      data: {
        user_id: 'U1',
        package_id: 'PKG-A1B2C3',
        gb: 20,
        cost: 30,
        evomi_username: 'wx3f8a2c01',
        evomi_password: WZX_PASSWORD,
        credentials: { password: WZX_PASSWORD, http: { connection_string: `rp.evomi.com:1000:wx3f8a2c01:${WZX_PASSWORD}_country-TR`, curl_example: `curl -x "http://wx3f8a2c01:${WZX_PASSWORD}_country-TR@rp.evomi.com:1000" https://ip.whozex.com` } },
      },
    });
    const wzxHeaders = { 'content-type': 'application/json', 'x-whozex-signature': signWhozex(wzxBody, WZX_SECRET), 'x-whozex-event-id': 'evt-pkg-1' };
    expect((await rawRequest(app.ctx.webhooks.endpointUrl(wzx)!, { headers: wzxHeaders, body: wzxBody })).status).toBe(200);

    const page = await app.dispatch('events:list', {});
    expect(page.ok).toBe(true);
    const items = (page as { value: EventsPage }).value.items;
    expect(items.map((e) => e.type).sort()).toEqual(['package.created', 'port.created']);
    const seen: string[] = [JSON.stringify(items), JSON.stringify(pushed)];
    for (const e of items) {
      const one = await app.dispatch('events:get', { id: e.id });
      expect(one.ok).toBe(true);
      seen.push(JSON.stringify(one));
    }
    for (const text of seen) {
      expect(text).not.toContain(PSX_PASSWORD);
      expect(text).not.toContain(WZX_PASSWORD);
    }
    // Everything else in the raw body still reads as received.
    const pkg = items.find((e) => e.type === 'package.created')!;
    expect(JSON.parse(pkg.raw!)).toMatchObject({ data: { evomi_username: 'wx3f8a2c01', evomi_password: '••••••', package_id: 'PKG-A1B2C3', credentials: { password: '••••••' } } });
    expect(pkg.raw).toContain('rp.evomi.com:1000:wx3f8a2c01:••••••');
    expect(pkg.raw).toContain('http://wx3f8a2c01:••••••@rp.evomi.com:1000');
    const port = items.find((e) => e.type === 'port.created')!;
    expect(JSON.parse(port.raw!)).toMatchObject({ data: { port: { proxyLogin: 'user123', proxyPassword: '••••••', serverIp: '185.123.45.67', url: 'http://user123:••••••@185.123.45.67:10001' } } });
    // The ledger holds the delivery exactly as received (the view masks, nothing is lost).
    const stored = app.ctx.ledger.sqlite.prepare("SELECT raw FROM event_inbox WHERE type = 'port.created'").pluck().get() as string;
    expect(stored).toBe(psxBody);
  });

  it('are masked in logs', () => {
    const temp = makeTempDir();
    try {
      const log = createFileLogger({ dir: temp.dir });
      log.warn('delivery', { proxyPassword: PSX_PASSWORD, evomi_password: WZX_PASSWORD, note: `rp.evomi.com:1000:wx3f8a2c01:${WZX_PASSWORD}_country-TR and http://u:${PSX_PASSWORD}@1.2.3.4:1` });
      const text = readFileSync(`${temp.dir}/app.log`, 'utf8');
      expect(text).not.toContain(PSX_PASSWORD);
      expect(text).not.toContain(WZX_PASSWORD);
    } finally {
      temp.cleanup();
    }
  });

  it('leaves text without credentials exactly as it was', () => {
    const body = '{"event":"user.created","data":{"email":"ada@example.com","password_reset":false,"note":"a:b c@d"}}';
    expect(maskRaw(body)).toBe(body);
    expect(maskRaw('not json at all')).toBe('not json at all');
  });
});
