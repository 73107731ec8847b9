import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run sandbox` starts, prints its URLs and keys, serves, and exits 0 on Ctrl-C. */
describe('npm run sandbox', () => {
  it('starts in memory on free ports, answers, and stops cleanly on SIGINT', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', '--silent', 'sandbox', '--', '--memory', '--psx-port', '0', '--whozex-port', '0'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const urls = await new Promise<string[]>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const found = [...out.matchAll(/http:\/\/127\.0\.0\.1:\d+\/v1/g)].map((m) => m[0]);
          if (found.length >= 2 && out.includes('Ctrl+C')) resolve(found);
        });
        child.on('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${err}`)));
      });
      expect(out).toContain('psx_sandbox_0000000000000000000000000000000000000000');
      expect(out).toContain('wx_live_sandbox_000000000000000000000000000000');
      const res = await fetch(`${urls[0]}/reseller/balance`, { headers: { 'X-API-Key': 'psx_sandbox_0000000000000000000000000000000000000000' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('"balance":500.00');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
