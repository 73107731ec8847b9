import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const PSX_KEY = 'psx_sandbox_0000000000000000000000000000000000000000';
const ARGS = ['--memory', '--psx-port', '0', '--whozex-port', '0'];

interface Started {
  child: ChildProcessWithoutNullStreams;
  urls: string[];
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function start(command: string, args: string[], detached: boolean): Promise<Started> {
  const child = spawn(command, args, { cwd: process.cwd(), detached }) as ChildProcessWithoutNullStreams;
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const urls = await new Promise<string[]>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const found = [...out.matchAll(/http:\/\/127\.0\.0\.1:\d+\/v1/g)].map((m) => m[0]);
      if (found.length >= 2 && out.includes('Ctrl+C')) resolve(found);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${err}`)));
  });
  return { child, urls, output: () => out, exited };
}

async function balanceText(url: string): Promise<string> {
  const res = await fetch(`${url}/reseller/balance`, { headers: { 'X-API-Key': PSX_KEY } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('npm run sandbox', () => {
  it('starts, prints both URLs and keys, answers, and stops on Ctrl-C (SIGINT to its process group)', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const s = await start(npm, ['run', '--silent', 'sandbox', '--', ...ARGS], true);
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-s.child.pid!, signal);
      } catch {
        /* already gone */
      }
    };
    try {
      expect(s.output()).toContain(PSX_KEY);
      expect(s.output()).toContain('wx_live_sandbox_000000000000000000000000000000');
      expect(await balanceText(s.urls[0]!)).toContain('"balance":500.00');
      const whozex = await fetch(`${s.urls[1]}/account`, { headers: { 'X-API-Key': 'wx_live_sandbox_000000000000000000000000000000' } });
      expect(whozex.status).toBe(200);
      group('SIGINT');
      await s.exited;
      // npm itself re-raises the signal; the sandbox under it must have closed cleanly.
      expect(s.output()).toContain('Sandbox stopped.');
      await expect(fetch(`${s.urls[0]}/reseller/balance`)).rejects.toThrow();
    } finally {
      if (s.child.exitCode === null && s.child.signalCode === null) group('SIGKILL');
    }
  });

  it('the script’s own command (tsx src/main/sandbox/cli.ts) exits with code 0 on SIGINT', async () => {
    const s = await start('node_modules/.bin/tsx', ['src/main/sandbox/cli.ts', ...ARGS], false);
    try {
      expect(await balanceText(s.urls[0]!)).toContain('"balance":500.00');
      s.child.kill('SIGINT');
      expect(await s.exited).toEqual({ code: 0, signal: null });
      expect(s.output()).toContain('Sandbox stopped.');
    } finally {
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    }
  });

  it('--profile documented serves only the documented routes; an unknown profile is refused', async () => {
    const s = await start('node_modules/.bin/tsx', ['src/main/sandbox/cli.ts', ...ARGS, '--profile', 'documented'], false);
    try {
      expect(s.output()).toContain('Profile: documented');
      const balance = await fetch(`${s.urls[0]}/reseller/balance`, { headers: { 'X-API-Key': PSX_KEY } });
      expect(balance.status).toBe(404);
      expect(await balance.json()).toEqual({ statusCode: 404, message: 'Cannot GET /v1/reseller/balance', error: 'Not Found' });
      expect((await fetch(`${s.urls[0]}/reseller/customers`, { headers: { 'X-API-Key': PSX_KEY } })).status).toBe(200);
      s.child.kill('SIGINT');
      expect(await s.exited).toEqual({ code: 0, signal: null });
    } finally {
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    }
    const bad = spawn('node_modules/.bin/tsx', ['src/main/sandbox/cli.ts', ...ARGS, '--profile', 'strict'], { cwd: process.cwd() });
    let err = '';
    bad.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => bad.on('exit', (c) => resolve(c)));
    expect(code).not.toBe(0);
    expect(err).toMatch(/documented or extended/);
  });
});
