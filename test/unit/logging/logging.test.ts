import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, readRecentProblems } from '../../../src/main/logging/logger';
import { redactText, redactValue } from '../../../src/main/logging/redact';
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
