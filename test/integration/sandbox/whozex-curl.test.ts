import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWhozex, type WhozexHarness } from './whozex-harness';

const run = promisify(execFile);

/**
 * The seed's curl examples, verbatim (line continuations included). Only the host part
 * of the URL, the placeholder key and the USER_ID / PKG-A1B2C3 placeholders are swapped
 * for the sandbox's before running them with the real curl.
 */
const SEED = {
  account: String.raw`curl -H "Authorization: Bearer wx_live_your_api_key_here" \
https://api.whozex.com/v1/account`,
  accountWithEnv: String.raw`curl -H "Authorization: Bearer $API_KEY" \
https://api.whozex.com/v1/account`,
  stats: String.raw`curl -H "Authorization: Bearer $API_KEY" \
https://api.whozex.com/v1/account/stats`,
  createUser: String.raw`curl -X POST \
-H "Authorization: Bearer $API_KEY" \
-H "Content-Type: application/json" \
-d '{"name":"John Doe","email":"john@example.com"}' \
https://api.whozex.com/v1/users`,
  addBalance: String.raw`# Add $50 to a user (deducted from your balance)
curl -X POST \
-H "Authorization: Bearer $API_KEY" \
-H "Content-Type: application/json" \
-d '{"action":"add","amount":50,"note":"TRX payment received"}' \
https://api.whozex.com/v1/users/USER_ID/balance`,
  buyPackage: String.raw`curl -X POST \
-H "Authorization: Bearer $API_KEY" \
-H "Content-Type: application/json" \
-d '{"proxy_type":"residential","gb":20}' \
https://api.whozex.com/v1/users/USER_ID/packages`,
  getPackage: String.raw`curl -H "Authorization: Bearer $API_KEY" \
https://api.whozex.com/v1/packages/PKG-A1B2C3`,
  addGb: String.raw`curl -X POST \
-H "Authorization: Bearer $API_KEY" \
-H "Content-Type: application/json" \
-d '{"gb":10}' \
https://api.whozex.com/v1/packages/PKG-A1B2C3/add-gb`,
  credentials: String.raw`# Get Turkish proxies
curl -H "Authorization: Bearer $API_KEY" \
"https://api.whozex.com/v1/packages/PKG-A1B2C3/credentials?country=TR"`,
  calculate: String.raw`curl -H "Authorization: Bearer $API_KEY" \
"https://api.whozex.com/v1/pricing/calculate?gb=50"`,
  analytics: String.raw`curl -H "Authorization: Bearer $API_KEY" \
https://api.whozex.com/v1/analytics/overview`,
  webhook: String.raw`curl -X POST \
-H "Authorization: Bearer $API_KEY" \
-H "Content-Type: application/json" \
-d '{"url":"https://bot.example.com/webhook","events":["package.low_gb","balance.added","user.created"]}' \
https://api.whozex.com/v1/webhooks`,
  regenerate: String.raw`curl -X POST \
-H "Authorization: Bearer $API_KEY" \
https://api.whozex.com/v1/account/regenerate-key`,
};

let h: WhozexHarness;
const ids = { user: '', pkg: '' };

beforeAll(async () => {
  h = await startWhozex();
});
afterAll(async () => {
  await h.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function curl(example: string): Promise<any> {
  const script = example
    .replaceAll('https://api.whozex.com/v1', h.baseUrl)
    .replaceAll('wx_live_your_api_key_here', h.apiKey)
    .replaceAll('USER_ID', ids.user)
    .replaceAll('PKG-A1B2C3', ids.pkg)
    // -s: no progress meter; --fail-with-body: a non-2xx answer fails the command.
    .replace(/^curl /m, 'curl -s --fail-with-body ');
  const { stdout } = await run('bash', ['-c', script], { env: { ...process.env, API_KEY: h.apiKey } });
  const body = JSON.parse(stdout);
  expect(body.success, stdout).toBe(true);
  return body.data;
}

describe("Whozex sandbox: the seed's curl examples run as written", () => {
  it('GET /account (literal key and $API_KEY)', async () => {
    expect(await curl(SEED.account)).toMatchObject({ balance: 150, is_vip: true });
    expect(await curl(SEED.accountWithEnv)).toMatchObject({ pricing: { custom_price_per_gb: 0.9 } });
  });

  it('POST /users, balance, packages, add-gb, credentials', async () => {
    const user = await curl(SEED.createUser);
    expect(user).toMatchObject({ name: 'John Doe', email: 'john@example.com', balance: 0, package_count: 0 });
    ids.user = user.id;
    expect(await curl(SEED.addBalance)).toEqual({ user_id: ids.user, action: 'add', amount: 50, user_balance: 50, reseller_balance: 100 });
    const pkg = await curl(SEED.buyPackage);
    expect(pkg).toMatchObject({ proxy_type: 'residential', total_gb: 20, used_gb: 0, remaining_gb: 20, status: 'active', cost: 18, user_balance_after: 32 });
    ids.pkg = pkg.id;
    expect(await curl(SEED.getPackage)).toMatchObject({ id: ids.pkg, live: true });
    expect(await curl(SEED.addGb)).toMatchObject({ id: ids.pkg, total_gb: 30, cost: 9, user_balance_after: 23 });
    const cred = await curl(SEED.credentials);
    expect(cred.targeting).toEqual({ country: 'TR', city: null });
    expect(cred.http.connection_string).toBe(`rp.evomi.com:1000:${pkg.evomi_username}:${pkg.evomi_password}_country-TR`);
  });

  it('GET /account/stats, /pricing/calculate, /analytics/overview', async () => {
    expect(await curl(SEED.stats)).toHaveProperty('chart');
    expect(await curl(SEED.calculate)).toEqual({ gb: 50, proxy_type: 'residential', price_per_gb: 0.9, total: 45, is_vip: true, custom_price: true });
    expect(await curl(SEED.analytics)).toHaveProperty('users.total', 1);
  });

  it('POST /webhooks, then POST /account/regenerate-key (the old key dies)', async () => {
    expect(await curl(SEED.webhook)).toMatchObject({ url: 'https://bot.example.com/webhook', secret: expect.stringMatching(/^wxsec_/) });
    const fresh = await curl(SEED.regenerate);
    expect(fresh.api_key).toMatch(/^wx_live_/);
    const old = await curl(SEED.accountWithEnv).then(
      () => null,
      (e: { stdout?: string }) => JSON.parse(e.stdout ?? 'null'),
    );
    expect(old).toMatchObject({ success: false, error: { code: 'INVALID_API_KEY' } });
  });
});
