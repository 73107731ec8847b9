import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DE, parseExact, startPsx, US, type PsxHarness } from './proxies-sx-harness';

const run = promisify(execFile);

/**
 * The reseller guide's curl examples, as written, run by the real curl against the
 * sandbox. Only the host and the guide's placeholders are replaced (base URL, key, ids).
 */
let h: PsxHarness;
beforeAll(async () => {
  h = await startPsx();
});
afterAll(async () => h.close());

const BERLIN = '65a100000000000000000005';
const TELEKOM = '65a200000000000000000004';

async function curl(script: string, vars: Record<string, string> = {}) {
  let cmd = script.replaceAll('https://api.proxies.sx/v1', h.baseUrl).replaceAll('psx_xxx', h.sandbox.proxiesSx.apiKey);
  for (const [k, v] of Object.entries(vars)) cmd = cmd.replaceAll(k, v);
  // -sS: quiet but show errors; -w: the status on its own last line.
  const { stdout } = await run('bash', ['-c', cmd.replace(/^curl /, 'curl -sS -w "\\n%{http_code}" ')], { timeout: 30_000 });
  const lines = stdout.trimEnd().split('\n');
  const status = Number(lines.pop());
  const text = lines.join('\n');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status, text, json: parseExact(text) as any };
}

describe('the reseller guide’s curl examples run as written', () => {
  let token = '';
  let customerId = '';
  let portId = '';

  it('Step 1: sign in, create an API key', async () => {
    const signin = await curl(
      `curl -X POST https://api.proxies.sx/v1/login/signin \\
-H "Content-Type: application/json" \\
-d '{"email": "your@email.com", "password": "your_password"}'`,
      { 'your@email.com': h.sandbox.proxiesSx.email, your_password: h.sandbox.proxiesSx.password },
    );
    expect(signin.status).toBe(200);
    token = signin.json.access_token;
    expect(token).toBeTruthy();
    const key = await curl(
      `curl -X POST https://api.proxies.sx/v1/api-keys \\
-H "Authorization: Bearer YOUR_TOKEN" \\
-H "Content-Type: application/json" \\
-d '{
"name": "My App",
"scopes": ["customers:read", "customers:write", "ports:read", "ports:write"]
}'`,
      { YOUR_TOKEN: token },
    );
    expect(key.status).toBe(201);
    expect(key.json.apiKey).toMatch(/^psx_/);
  });

  it('Step 2: read and configure the pricebook, add a country override, calculate a price', async () => {
    const get = await curl(`curl https://api.proxies.sx/v1/reseller/pricebook \\
-H "X-API-Key: psx_xxx"`);
    expect(get.status).toBe(200);
    expect(get.json.pricingMode).toBe('margin');
    const put = await curl(`curl -X PUT https://api.proxies.sx/v1/reseller/pricebook \\
-H "X-API-Key: psx_xxx" \\
-H "Content-Type: application/json" \\
-d '{
"pricingMode": "margin",
"defaultMarginPercent": 25,
"portPricing": {
"marginPercent": 25
}
}'`);
    expect(put.status).toBe(200);
    const calc = await curl(`curl -X POST https://api.proxies.sx/v1/reseller/pricebook/calculate \\
-H "X-API-Key: psx_xxx" \\
-H "Content-Type: application/json" \\
-d '{
"type": "port",
"basePrice": 2.00,
"days": 30
}'`);
    expect(calc.text).toBe('{"basePrice":60.00,"resellerPrice":75.00,"marginAmount":15.00,"marginPercent":25,"appliedRules":["Margin: +25%","30 days"]}');
    const override = await curl(
      `curl -X POST https://api.proxies.sx/v1/reseller/pricebook/country-override \\
-H "X-API-Key: psx_xxx" \\
-H "Content-Type: application/json" \\
-d '{
"countryId": "usa_country_id",
"marginPercent": 40
}'`,
      { usa_country_id: US },
    );
    expect(override.status).toBe(201);
  });

  it('Step 3: create a customer and top up their balance', async () => {
    const c = await curl(`curl -X POST https://api.proxies.sx/v1/reseller/customers \\
-H "X-API-Key: psx_xxx" \\
-H "Content-Type: application/json" \\
-d '{
"email": "john@company.com",
"name": "John Smith",
"company": "Acme Corp",
"allocatedPortSlots": 10,
"externalId": "CRM-12345"
}'`);
    expect(c.status).toBe(201);
    customerId = c.json._id;
    const topup = await curl(
      `curl -X POST https://api.proxies.sx/v1/reseller/customers/{id}/topup \\
-H "X-API-Key: psx_xxx" \\
-H "Content-Type: application/json" \\
-d '{
"amount": 100,
"description": "Monthly credit",
"referenceId": "INV-2024-001"
}'`,
      { '{id}': customerId },
    );
    expect(topup.status).toBe(200);
    expect(topup.json.resellerBalance).toBe('400.00');
  });

  it('Step 4: create a proxy for the customer, then rotate it', async () => {
    const calc = await curl(
      `curl -X POST https://api.proxies.sx/v1/reseller/pricebook/calculate \\
-H "X-API-Key: psx_xxx" \\
-H "Content-Type: application/json" \\
-d '{
"type": "port",
"basePrice": 2.00,
"days": 30,
"countryId": "optional_country_id",
"customerId": "optional_customer_id"
}'`,
      { optional_country_id: DE, optional_customer_id: customerId },
    );
    expect(calc.json).toMatchObject({ basePrice: '60.00', resellerPrice: '75.00' });
    const port = await curl(
      `curl -X POST https://api.proxies.sx/v1/reseller/ports \\
-H "X-API-Key: psx_xxx" \\
-H "Content-Type: application/json" \\
-d '{
"customerId": "customer_id_here",
"countryId": "country_id_here",
"cityId": "optional_city_id",
"carrierId": "optional_carrier_id",
"days": 30,
"exclusive": false,
"isPrivate": false
}'`,
      { customer_id_here: customerId, country_id_here: DE, optional_city_id: BERLIN, optional_carrier_id: TELEKOM },
    );
    expect(port.status).toBe(201);
    expect(port.json.pricing).toEqual({ costToReseller: '60.00', resellerPrice: '75.00', margin: '15.00' });
    expect(port.json.port).toMatchObject({ cityId: BERLIN, carrierId: TELEKOM });
    portId = port.json.port._id;
    const rotate = await curl(`curl -X POST https://api.proxies.sx/v1/reseller/ports/{portId}/rotate \\
-H "X-API-Key: psx_xxx"`, { '{portId}': portId });
    expect(rotate.status).toBe(200);
    expect(rotate.json.port._id).toBe(portId);
    const balance = await curl(`curl https://api.proxies.sx/v1/reseller/balance -H "X-API-Key: psx_xxx"`);
    expect(balance.json.balance).toBe('340.00');
  });

  it('Step 5: set up a webhook', async () => {
    const hook = await curl(`curl -X POST https://api.proxies.sx/v1/reseller/webhooks \\
-H "X-API-Key: psx_xxx" \\
-H "Content-Type: application/json" \\
-d '{
"name": "My Webhook",
"url": "https://myapp.com/webhook",
"events": ["port.created", "port.expired", "customer.quota_exceeded"]
}'`);
    expect(hook.status).toBe(201);
    expect(hook.json.secret).toMatch(/^whsec_/);
    const list = await curl(`curl https://api.proxies.sx/v1/reseller/webhooks -H "X-API-Key: psx_xxx"`);
    expect(list.json.webhooks).toHaveLength(1);
    expect(list.json.webhooks[0].secret).toBeUndefined();
    const del = await curl(`curl -X DELETE https://api.proxies.sx/v1/reseller/webhooks/${hook.json._id} -H "X-API-Key: psx_xxx"`);
    expect(del.status).toBe(200);
    expect((await curl(`curl https://api.proxies.sx/v1/reseller/webhooks -H "X-API-Key: psx_xxx"`)).json.total).toBe(0);
  });
});
