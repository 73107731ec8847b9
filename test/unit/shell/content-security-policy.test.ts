import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withCspHeader } from '../../../src/main/shell/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const policy = contentSecurityPolicy();
  const parsed = directives(policy);

  it("defaults to 'self' and forbids plugins, frames and foreign bases", () => {
    expect(parsed.get('default-src')).toEqual(["'self'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('frame-src')).toEqual(["'none'"]);
    expect(parsed.get('base-uri')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parsed.get('form-action')).toEqual(["'none'"]);
  });

  it('runs only the app’s own scripts: no eval, no inline script, no remote origin', () => {
    expect(policy).not.toContain('unsafe-eval');
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('connect-src')).toEqual(["'self'"]);
    expect(policy).not.toMatch(/https?:|\*/);
  });

  it('in dev admits only the loopback dev server and its hot-reload socket, still without eval', () => {
    const dev = directives(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }));
    expect(dev.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(dev.get('script-src')).toContain('http://localhost:5173');
    expect([...dev.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('is at least as strict as the renderer’s meta policy on every directive the meta tag sets', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    for (const [name, sources] of directives(meta!)) {
      for (const source of parsed.get(name) ?? []) expect(sources, `${name} ${source}`).toContain(source);
    }
  });
});

describe('withCspHeader', () => {
  it('replaces any policy the response carried, whatever its case, and keeps other headers', () => {
    const out = withCspHeader({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, "default-src 'self'");
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('adds the policy to a response without headers', () => {
    expect(withCspHeader(undefined, "default-src 'self'")).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] });
  });
});
