import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerPath } from '../../../src/main/data-dir';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { PSX_SEED } from '../../../src/main/sandbox/proxies-sx/seed';
import { channelNames, channels } from '../../../src/shared/contract';
import type { EventName } from '../../../src/shared/contract';
import { EXPORT_KINDS } from '../../../src/shared/contract/exports';
import type { AccountView } from '../../../src/shared/contract/accounts';
import { CREDENTIAL_FORMATS } from '../../../src/shared/contract/proxies';
import { MemorySecretStore } from '../../support/memory-secrets';
import { makeTempDir } from '../../support/temp-dir';
import { startAppOn, type AppOnSandbox } from './support/app-on-sandbox';

/**
 * Secrets never leak. A full business day through the real app with real keys (both
 * upstreams, a key replaced by signing in, a key regenerated, a wrong key typed, webhook
 * secrets registered, faults that make things fail and get logged), then a scan of:
 * the ledger file with its WAL and SHM, the backups, the logs folder, every export kind,
 * every answer and error any channel gave the page, every event pushed to it, and every
 * read channel's output. None may contain a secret whole or any 12 characters of one.
 * The keys are real-looking (psx_ + 40 hex, wx_live_ + 32 letters and digits, a JWT, a
 * Basic header), planted in the simulator in place of its published sandbox keys, so the
 * scan does not pass merely because the redactor knows the sandbox's shapes.
 */
const WINDOW = 12;

const temp = makeTempDir();
let sandbox: RunningSandbox;
let app: AppOnSandbox;
/** Every secret the app was ever given or generated (keys replaced since included). */
const secrets = new Set<string>();
/** What reached the page: call results, errors, pushed events. */
const pageSaw: string[] = [];

afterAll(async () => {
  await app?.close().catch(() => {});
  await sandbox?.close();
  temp.cleanup();
});

/** 12-character windows of every secret, skipping runs of one repeated character (sandbox keys pad with zeros). */
function secretWindows(): Map<string, string> {
  const windows = new Map<string, string>();
  for (const secret of secrets) {
    for (let i = 0; i + WINDOW <= secret.length; i++) {
      const w = secret.slice(i, i + WINDOW);
      if (new Set(w).size <= 2) continue;
      windows.set(w, secret);
    }
  }
  return windows;
}

function findLeaks(where: string, text: string, windows: Map<string, string>): string[] {
  const found: string[] = [];
  for (const secret of secrets) if (text.includes(secret)) found.push(`${where}: the whole secret ${secret.slice(0, 4)}…`);
  for (let i = 0; i + WINDOW <= text.length; i++) {
    const secret = windows.get(text.slice(i, i + WINDOW));
    if (secret) {
      found.push(`${where}: "${text.slice(i, i + WINDOW)}" (from ${secret.slice(0, 4)}…) at ${i}`);
      i += WINDOW - 1;
    }
  }
  return found;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Bytes as latin1: a 1:1 view in which any ASCII secret stored as UTF-8 (or inside a SQLite page) shows as itself. */
const bytes = (file: string) => readFileSync(file).toString('latin1');

describe('secrets never leak', () => {
  it('after a full run with keys set, no file, export, answer or event holds any part of an API key or webhook secret', async () => {
    sandbox = await startSandbox({ autoDeliverWebhooks: false, rateLimit: { perSecond: 10_000, burst: 10_000 } });
    const store = new MemorySecretStore();
    const set = store.set.bind(store);
    store.set = async (name, secret) => {
      secrets.add(secret);
      return set(name, secret);
    };
    app = await startAppOn({ dataDir: temp.dir, secrets: store, fileLogs: true });
    const unsubscribe = app.ctx.bus.subscribe((name: EventName, payload: unknown) => pageSaw.push(`event ${name} ${JSON.stringify(payload)}`));
    const call = async <T = unknown>(channel: string, input?: unknown): Promise<T> => {
      const result = await app.dispatch(channel, input);
      pageSaw.push(`${channel} ${JSON.stringify(result)}`);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    };
    const attempt = async (channel: string, input?: unknown) => {
      const result = await app.dispatch(channel, input);
      pageSaw.push(`${channel} ${JSON.stringify(result)}`);
      return result;
    };
    // Real-looking keys in place of the sandbox's published ones.
    const alnum = (n: number) => [...randomBytes(n)].map((b) => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[b % 56]).join('');
    const psxKey = `psx_${randomBytes(20).toString('hex')}`;
    const wzxKey = `wx_live_${alnum(32)}`;
    sandbox.proxiesSx.db
      .prepare('UPDATE psx_api_keys SET key_hash = ?, key_prefix = ? WHERE id = ?')
      .run(createHash('sha256').update(psxKey).digest('hex'), psxKey.slice(0, 12), PSX_SEED.apiKeyId);
    sandbox.whozex.db.prepare('UPDATE wzx_resellers SET api_key = ? WHERE api_key = ?').run(wzxKey, sandbox.whozex.apiKey);
    secrets.add(psxKey);
    secrets.add(wzxKey);
    secrets.add(PSX_SEED.password);
    // A mistyped key with no recognisable shape at all.
    const wrongKey = alnum(36);
    secrets.add(wrongKey);

    await app.ctx.webhooks.start({ port: 0 });
    const psx = await call<AccountView>('accounts:add', { provider: 'proxies-sx', name: 'PSX', baseUrl: sandbox.proxiesSx.baseUrl, apiKey: psxKey });
    const wzx = await call<AccountView>('accounts:add', { provider: 'whozex', name: 'WZX', baseUrl: sandbox.whozex.baseUrl, apiKey: wzxKey });
    expect((await attempt('accounts:add', { provider: 'whozex', name: 'Typo', baseUrl: sandbox.whozex.baseUrl, apiKey: wrongKey })).ok).toBe(false);
    // Sign in to Proxies.sx with the password: a freshly minted key replaces the first one.
    await call('accounts:login-proxies-sx', { email: PSX_SEED.email, password: PSX_SEED.password, accountId: psx.id, baseUrl: sandbox.proxiesSx.baseUrl });
    await call('accounts:regenerate-key', { id: wzx.id });
    await call('webhooks:register', { accountId: psx.id });
    await call('webhooks:register', { accountId: wzx.id });
    expect([...secrets].some((s) => s.startsWith('whsec_'))).toBe(true);

    await call('pricing:update', { mode: 'margin', port: { marginPercent: '25' }, traffic: { marginPercent: '25' } });
    const ann = await call<{ id: string }>('customers:create', { email: 'ann@example.com', name: 'Ann', portSlotQuota: 5 });
    const bob = await call<{ id: string }>('customers:create', { email: 'bob@example.com', name: 'Bob' });
    await call('money:deposit', { accountId: psx.id, amount: 50_000 });
    await call('money:top-up', { customerId: ann.id, accountId: psx.id, amount: 10_000, recordAsPayment: true, method: 'bank' });
    const port = await call<{ port: { serviceId: string } }>('proxies:create', { accountId: psx.id, customerId: ann.id, country: 'DE', days: 30 });
    await call('proxies:rotate', { serviceId: port.port.serviceId });
    await call('proxies:extend', { serviceId: port.port.serviceId, days: 3 });
    const pkg = await call<{ package: { serviceId: string } }>('packages:create', { accountId: wzx.id, customerId: bob.id, gb: 3 });
    await call('packages:add-gb', { serviceId: pkg.package.serviceId, gb: 1 });
    await call('payments:record', { customerId: bob.id, amount: 2_000, method: 'card' });
    for (const format of CREDENTIAL_FORMATS) await call('credentials:format', { serviceIds: [port.port.serviceId, pkg.package.serviceId], format });
    await call('sync:run');
    await sandbox.webhooks.flush();
    await call('poller:run-now');
    // Failures get logged: make the upstreams fail for a while.
    sandbox.faults.configure({ errorRate: 0.6, dropAfterCommitRate: 0.3, seed: 3 });
    for (let i = 0; i < 4; i++) {
      await attempt('sync:run');
      await attempt('accounts:test', { id: psx.id });
      await attempt('proxies:create', { accountId: psx.id, customerId: ann.id, country: 'US', days: 1 });
    }
    sandbox.faults.reset();
    await attempt('operations:reconcile');
    await call('backups:create');
    // Defence in depth: were a future log line to carry a key in the usual places, the logger redacts it.
    const minted = [...secrets].find((x) => x.startsWith('psx_') && x !== psxKey) ?? psxKey;
    const jwt = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(`{"sub":"${alnum(12)}","iat":1765152000}`).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    const basic = Buffer.from(`${PSX_SEED.email}:${PSX_SEED.password}`).toString('base64');
    secrets.add(jwt);
    secrets.add(basic);
    app.ctx.log.error('Upstream call failed', {
      apiKey: minted,
      apiToken: jwt,
      client_secret: wrongKey,
      newApiKey: wzxKey,
      headers: { authorization: `Bearer ${minted}`, 'x-api-key': minted },
      url: `${sandbox.proxiesSx.baseUrl}/ports?api_key=${minted}&page=2`,
      error: `401 for key ${minted}`,
      sent: `GET /v1/balance HTTP/1.1\r\nX-API-Key: ${wzxKey}\r\nAuthorization: Basic ${basic}\r\nProxy-Authorization: Bearer ${jwt}`,
      echoed: `upstream said: key ${psxKey} is not valid; retry?key=${wrongKey}`,
    });
    app.ctx.log.warn('Webhook signature mismatch', { secret: [...secrets].find((x) => x.startsWith('whsec_')) });
    app.ctx.log.warn('Webhook secret in text', { detail: `computed with ${[...secrets].find((x) => x.startsWith('whsec_'))}` });

    // Every export kind, to a path "chosen in the save dialog".
    const exportsDir = join(temp.dir, 'exports');
    mkdirSync(exportsDir);
    for (const kind of EXPORT_KINDS) {
      const path = join(exportsDir, `${kind}.csv`);
      app.ctx.exports.grantPath(path);
      await call('exports:run', { kind, path });
    }

    // Everything the page can read: every read channel, with the ids it would use.
    const ids: Record<string, string> = { id: ann.id, customerId: ann.id, accountId: psx.id, serviceId: port.port.serviceId };
    const reads = channelNames.filter((n) => /:(list|get|info|status|summary|capabilities|statement|balances|last-folder|error-report|settings|events|usage)$/.test(n));
    expect(reads.length).toBeGreaterThan(15);
    for (const name of reads) {
      for (const input of [undefined, {}, { id: ann.id }, { customerId: ann.id }, { id: psx.id }, { accountId: psx.id }, { serviceId: port.port.serviceId }, { serviceId: pkg.package.serviceId, duration: '7d', granularity: 'day' }, ids]) {
        if ((channels[name].input as { safeParse(v: unknown): { success: boolean } }).safeParse(input).success) await attempt(name, input);
      }
    }
    const events = await call<{ items: { id: string }[] }>('events:list', {});
    for (const e of events.items.slice(0, 50)) await attempt('events:get', { id: e.id });
    unsubscribe();

    // The scan. The open ledger first (its WAL holds the newest pages), then once closed.
    const windows = secretWindows();
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    // The scan can fail: 12 characters from the middle of any secret are caught, in text and in bytes.
    for (const secret of secrets) expect(findLeaks('probe', `log {"x":"${secret.slice(3, 3 + WINDOW)}"}`, windows).length + Number(new Set(secret.slice(3, 3 + WINDOW)).size <= 2)).toBeGreaterThan(0);
    const leaks: string[] = [];
    const ledger = ledgerPath(temp.dir);
    const scanned: Record<string, number> = {};
    const scanFile = (file: string) => {
      const text = bytes(file);
      scanned[file.slice(temp.dir.length + 1)] = text.length;
      leaks.push(...findLeaks(file.slice(temp.dir.length + 1), text, windows));
    };
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(ledger + suffix)) scanFile(ledger + suffix);
    expect(statSync(`${ledger}-wal`).size).toBeGreaterThan(0);
    leaks.push(...findLeaks('what the page saw', pageSaw.join('\n'), windows));
    await app.close();
    for (const file of filesUnder(temp.dir)) scanFile(file); // ledger (checkpointed), backups, logs, exports, anything else
    const logBytes = Object.entries(scanned).filter(([f]) => f.startsWith('logs')).reduce((a, [, n]) => a + n, 0);
    expect(logBytes).toBeGreaterThan(0);
    if (process.env.SCAN_DEBUG) for (const f of filesUnder(join(temp.dir, 'logs'))) console.info(readFileSync(f, 'utf8'));
    expect(Object.keys(scanned).some((f) => f.startsWith('backups'))).toBe(true);
    expect(Object.keys(scanned).filter((f) => f.startsWith('exports')).length).toBe(EXPORT_KINDS.length);
    console.info(`Secrets scan: ${secrets.size} secrets (${windows.size} distinct ${WINDOW}-character windows), ${Object.keys(scanned).length} files (${Object.values(scanned).reduce((a, b) => a + b, 0)} bytes, logs ${logBytes}), ${pageSaw.length} answers/events to the page (${pageSaw.join('').length} characters); leaks found: ${leaks.length}`);
    expect(leaks).toEqual([]);
  }, 120_000);
});
