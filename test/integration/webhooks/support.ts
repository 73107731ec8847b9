import { request } from 'node:http';
import { secretNames } from '../../../src/main/secrets/secret-store';
import { insertRegistration } from '../../../src/main/webhooks/endpoints';
import type { TestApp } from '../../support/app';

/** An account with a webhook "registered" locally (row + secret in the store), no upstream. */
export async function accountWithWebhook(app: TestApp, provider: 'proxies-sx' | 'whozex', secret: string): Promise<string> {
  const account = await app.ctx.accounts.addUnverified({
    provider,
    name: `Hooks ${provider}`,
    baseUrl: provider === 'whozex' ? 'http://127.0.0.1:9/v1' : 'http://127.0.0.1:9/v1',
    apiKey: provider === 'whozex' ? 'wx_live_test_key_000000000000' : 'psx_test_key_0000000000000000',
    isSandbox: true,
  });
  const webhookId = `WH-${provider}`;
  await app.ctx.secrets.set(secretNames.webhookSecret(account.id, webhookId), secret);
  insertRegistration(app.ctx.ledger.sqlite, {
    account_id: account.id,
    upstream_id: webhookId,
    url: 'http://127.0.0.1/hooks',
    events: '[]',
    created_at: app.clock.now().toISOString(),
  });
  return account.id;
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A raw HTTP request (node:http), so tests can send what fetch would not: a lying
 * Content-Length, a body cut off mid-way, a chunked body of any size.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; chunks?: Buffer[]; endEarly?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers ?? {} }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.chunks) {
      for (const c of options.chunks) req.write(c);
      req.end();
    } else if (options.endEarly && options.body !== undefined) {
      // Send part of the declared body, then hang up.
      req.write(options.body);
      setTimeout(() => req.destroy(), 50);
    } else {
      req.end(options.body);
    }
  });
}

export function count(app: TestApp, sql: string, ...args: unknown[]): number {
  return app.ctx.ledger.sqlite.prepare(sql).pluck().get(...args) as number;
}
