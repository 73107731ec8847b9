import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { knownSecrets } from '../../../src/main/logging/known-secrets';
import { createFileLogger, readRecentProblems } from '../../../src/main/logging/logger';
import { redactText, redactValue } from '../../../src/main/logging/redact';
import { SandboxKeyFallback } from '../../../src/main/secrets/sandbox-key-fallback';
import { MemorySecretStore } from '../../support/memory-secrets';
import { createTestApp } from '../../support/app';
import { makeTempDir } from '../../support/temp-dir';

const KEY = 'psx_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const WX = 'wx_live_abcdef0123456789abcdef';

describe('logs', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('redacts keys, webhook secrets and bearer tokens wherever they appear', () => {
    expect(redactText(`key ${KEY} and ${WX}, secret wxsec_0123456789ab, Authorization: Bearer abc.def.ghijklmnop`)).toBe(
      'key [redacted] and [redacted], secret [redacted], Authorization: Bearer [redacted]',
    );
    expect(redactValue({ apiKey: 'anything', nested: { password: 'hunter2', note: `see ${KEY}` }, list: [WX] })).toEqual({
      apiKey: '[redacted]',
      nested: { password: '[redacted]', note: 'see [redacted]' },
      list: ['[redacted]'],
    });
  });

  it('redacts real keys of no known shape by header, query parameter, scheme and field name', () => {
    // What a real key may look like: nothing in the upstream documents promises a prefix.
    const hex = 'a3f9c2d81b7e4f60a9d3c5e7f1b2d4c6e8a0b1c3';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZXNlbGxlciJ9.3q2-7Zb_Xc9VvW4kP0sLmN8rT6yU1iO5aE2dF7gH';
    const basic = Buffer.from('reseller@example.com:S3cret-pass').toString('base64');
    const text = [
      `GET /v1/ports X-API-Key: ${hex}`,
      `x-api-key=${hex}`,
      `https://api.example.net/v1/balance?api_key=${hex}&page=2`,
      `https://api.example.net/v1/balance?apikey=${hex}`,
      `https://api.example.net/v1/balance?page=1&key=${hex}`,
      `callback?token=${jwt}`,
      `Authorization: Basic ${basic}`,
      `Authorization: Bearer ${jwt}`,
      `body {"apiToken":"${hex}","client_secret":"${hex}","newApiKey":"${hex}","password":"S3cret-pass"}`,
    ].join('\n');
    const out = redactText(text);
    for (const secret of [hex, jwt, basic, 'S3cret-pass']) expect(out).not.toContain(secret);
    expect(out).toContain('page=2');
    expect(out).toContain('Basic [redacted]');
    expect(redactValue({ apiToken: hex, key: hex, client_secret: hex, clientSecret: hex, secret: hex, newApiKey: hex, password: 'pw', token: jwt, 'X-API-Key': hex, Authorization: `Basic ${basic}`, proxyPassword: 'pw', evomi_password: 'pw', hasApiKey: true, accountId: 'acc_1' })).toEqual({
      apiToken: '[redacted]',
      key: '[redacted]',
      client_secret: '[redacted]',
      clientSecret: '[redacted]',
      secret: '[redacted]',
      newApiKey: '[redacted]',
      password: '[redacted]',
      token: '[redacted]',
      'X-API-Key': '[redacted]',
      Authorization: '[redacted]',
      proxyPassword: '[redacted]',
      evomi_password: '[redacted]',
      hasApiKey: true,
      accountId: 'acc_1',
    });
  });

  it('redacts the password of a proxy connection string', () => {
    expect(redactText('connect http://cust_ann:pX7q9Lm2Zt@gw.proxies.sx:8080 failed')).toBe('connect http://cust_ann:[redacted]@gw.proxies.sx:8080 failed');
    expect(redactText('ann-01:Rk29dLq8@rp.whozex.net:1000')).toBe('ann-01:[redacted]@rp.whozex.net:1000');
  });

  it('redacts, wherever it appears and whatever its shape, every secret the secret store sets or reads', async () => {
    knownSecrets.clear();
    const keychain = new MemorySecretStore();
    const typed = 'Zq81mVx0Lr4kT7pW2nB5yC9d'; // a key with no recognisable shape, typed by the reseller
    const inKeychain = 'Hh3Jk5Lm7Nn9Pp1Qq3Rr5Ss7';
    await keychain.set('account:acc_2:api-key', inKeychain);
    const store = new SandboxKeyFallback(keychain, () => false);
    expect(redactText(`echo ${typed}`)).toBe(`echo ${typed}`); // unknown yet: nothing about it says "secret"
    await store.set('account:acc_1:api-key', typed);
    expect(await store.get('account:acc_2:api-key')).toBe(inKeychain);
    expect(redactText(`upstream said: unknown key ${typed}; other ${inKeychain}.`)).toBe('upstream said: unknown key [redacted]; other [redacted].');
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const log = createFileLogger({ dir: temp.dir });
    log.error('401', { detail: `key ${typed} refused`, nested: [{ note: inKeychain }] });
    const written = readFileSync(`${temp.dir}/app.log`, 'utf8');
    expect(written).not.toContain(typed);
    expect(written).not.toContain(inKeychain);
    // Held in memory only: nothing the store learned is written by it.
    expect(readdirSync(temp.dir)).toEqual(['app.log']);
    knownSecrets.clear();
  });

  it('writes structured JSON lines, rotates by size and keeps a bounded number of files', () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const log = createFileLogger({ dir: temp.dir, maxBytes: 2_000, keep: 3 });
    for (let i = 0; i < 200; i++) log.info('sync page', { page: i, apiKey: KEY });
    const files = readdirSync(temp.dir).sort();
    expect(files).toEqual(['app.1.log', 'app.2.log', 'app.3.log', 'app.log']);
    const all = files.map((f) => readFileSync(`${temp.dir}/${f}`, 'utf8')).join('');
    expect(all).not.toContain(KEY);
    const last = JSON.parse(readFileSync(`${temp.dir}/app.log`, 'utf8').trim().split('\n').pop()!);
    expect(last).toMatchObject({ level: 'info', msg: 'sync page', page: 199, apiKey: '[redacted]' });
  });

  it('gives a copyable error report with recent problems and no secret', async () => {
    const app = await createTestApp();
    cleanups.push(() => app.close());
    const log = createFileLogger({ dir: `${app.dataDir}/logs` });
    log.error('Upstream rejected key', { account: 'Main', detail: `X-API-Key: ${KEY}` });
    log.info('ignored in the report');
    expect(readRecentProblems(`${app.dataDir}/logs`)).toHaveLength(1);
    const report = await app.dispatch('logs:error-report', undefined);
    expect(report.ok).toBe(true);
    const text = (report as { value: { text: string } }).value.text;
    expect(text).toContain('Upstream rejected key');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('ignored in the report');
  });
});
