import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEventServices } from '../../../src/main/services/events/start';
import { RECEIPT_RETENTION_DAYS } from '../../../src/main/services/events/receipt-retention';
import { signWhozex } from '../../../src/main/webhooks/signatures';
import { createTestApp, type TestApp } from '../../support/app';
import { accountWithWebhook, count, rawRequest } from './support';

const SECRET = 'wxsec_retention_test_secret';
const DAY = 86_400_000;

let app: TestApp;
let url: string;
let account: string;

beforeEach(async () => {
  app = await createTestApp();
  account = await accountWithWebhook(app, 'whozex', SECRET);
  await app.ctx.webhooks.start({ port: 0 });
  url = app.ctx.webhooks.endpointUrl(account)!;
});

afterEach(async () => {
  await app.close();
});

/** A Whozex delivery: signed body, no signed timestamp, an unsigned event id header. */
const post = (body: string, eventId: string) =>
  rawRequest(url, { headers: { 'content-type': 'application/json', 'x-whozex-signature': signWhozex(body, SECRET), 'x-whozex-event-id': eventId }, body });

/** What a start of the app does to old receipts (listener and poller left as they are). */
async function restart() {
  const running = await startEventServices(app.ctx, { listener: false, poller: false });
  await running.stop();
  await app.ctx.webhooks.start({ port: 0 });
  url = app.ctx.webhooks.endpointUrl(account)!;
}

describe('webhook receipts outlive any upstream retry', () => {
  it(`keeps a Whozex delivery's receipt ${RECEIPT_RETENTION_DAYS} days, so a replay of its signed body under a new id is still refused two months later`, async () => {
    expect(RECEIPT_RETENTION_DAYS).toBeGreaterThanOrEqual(90);
    const body = JSON.stringify({ event: 'balance.added', data: { user_id: 'U1', action: 'add', amount: 5, user_balance: 5, reseller_balance: 95 } });
    expect((await post(body, 'evt-original')).status).toBe(200);
    const events = () => count(app, "SELECT count(*) FROM event_inbox WHERE type = 'customer.balance_added'");
    expect(events()).toBe(1);

    app.clock.advance(60 * DAY);
    await restart();
    const replay = await post(body, 'evt-replayed-later');
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.body)).toMatchObject({ duplicate: true });
    expect(events()).toBe(1);

    // Past the retention the receipts go (the table does not grow for ever).
    app.clock.advance((RECEIPT_RETENTION_DAYS - 60 + 1) * DAY);
    expect(count(app, 'SELECT count(*) FROM webhook_receipts')).toBeGreaterThan(0);
    await restart();
    expect(count(app, 'SELECT count(*) FROM webhook_receipts')).toBe(0);
  });
});
