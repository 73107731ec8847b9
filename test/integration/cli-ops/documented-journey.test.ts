import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/program';
import { SandboxClock, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { makeTempDir } from '../../support/temp-dir';

/**
 * A reseller connecting real accounts on day one, from the command line: against upstreams
 * that serve only what their documents promise (the sandbox's `documented` profile: every
 * other route is a 404, Idempotency-Key is never deduplicated), every everyday task works —
 * accounts, customers, payments, top-ups, a port (create, rotate), a package (create, add
 * GB), credentials, sync and the journal export. Real HTTP, real SQLite, the real keychain.
 */
let sandbox: RunningSandbox;
const data = makeTempDir('reseller-desk-documented-');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string; json: unknown }> {
  let out = '';
  let err = '';
  const code = await runCli(['--json', '--data-dir', data.dir, ...args], { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTty: false }, new AbortController().signal);
  let json: unknown = null;
  try {
    json = JSON.parse(out);
  } catch {
    // not JSON: the assertion below shows `out` and `err`
  }
  return { code, out, err, json };
}

async function ok<T>(...args: string[]): Promise<T> {
  const r = await cli(...args);
  expect(r.code, `reseller-desk ${args.join(' ')}\n${r.err}${r.out}`).toBe(0);
  return r.json as T;
}

beforeAll(async () => {
  // A real upstream's time is the wall clock, as the app's is.
  sandbox = await startSandbox({ profile: 'documented', autoDeliverWebhooks: false, clock: new SandboxClock(Date.now()) });
});
afterAll(async () => {
  await sandbox?.close();
  data.cleanup();
});

describe('the everyday journey against upstreams that serve only their documented API (CLI)', () => {
  it('accounts, customers, payments, top-ups, a port, a package, credentials, sync and the journal export', async () => {
    const psx = await ok<{ id: string }>('accounts', 'add', '--provider', 'proxies-sx', '--name', 'PSX', '--key', sandbox.proxiesSx.apiKey, '--base-url', sandbox.proxiesSx.baseUrl);
    const wzx = await ok<{ id: string }>('accounts', 'add', '--provider', 'whozex', '--name', 'WZX', '--key', sandbox.whozex.apiKey, '--base-url', sandbox.whozex.baseUrl);
    expect(psx.id && wzx.id).toBeTruthy();

    await ok('customers', 'create', '--name', 'Ada Lovelace', '--email', 'ada@example.com', '--quota', '3');
    await ok('customers', 'create', '--name', 'Grace Hopper', '--email', 'grace@example.com');
    await ok('pay', 'ada@example.com', '200.00', '--reference', 'INV-1');
    await ok('pay', 'grace@example.com', '150.00', '--reference', 'INV-2');

    await ok('topup', 'ada@example.com', '25.00', '--account', 'PSX');
    await ok('topup', 'grace@example.com', '40.00', '--account', 'WZX');

    const port = await ok<{ port: { serviceId: string } }>('port', 'create', '--account', 'PSX', '--customer', 'ada@example.com', '--country', 'US', '--days', '30');
    const portId = port.port.serviceId;
    expect(portId).toBeTruthy();
    await ok('port', 'rotate', String(portId));
    // Extending a port is not in Proxies.sx's documents: said plainly, nothing changed.
    const extend = await cli('port', 'extend', String(portId), '--days', '7');
    expect(extend.code).toBe(1);
    expect(extend.err, extend.err).toMatch(/"code":"UNSUPPORTED"/);
    expect(extend.err).toMatch(/Proxies\.sx/);

    const pkg = await ok<{ package: { serviceId: string } }>('package', 'create', '--account', 'WZX', '--customer', 'grace@example.com', '--gb', '10');
    const pkgId = pkg.package.serviceId;
    expect(pkgId).toBeTruthy();
    await ok('package', 'add-gb', String(pkgId), '--gb', '5');

    const creds = await ok<unknown>('credentials', String(portId), String(pkgId));
    expect(JSON.stringify(creds)).toContain(':');

    await ok('sync');
    const journal = join(data.dir, 'journal.csv');
    await ok('export', 'journal', '--out', journal);
    const csv = readFileSync(journal, 'utf8');
    expect(csv).toContain('revenue');
    expect(csv.split('\n').length).toBeGreaterThan(10);
  });
});
