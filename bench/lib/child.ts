import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs a bench child script under tsx in a fresh Node process. The child prints one JSON
 * line prefixed with RESULT: and its own timings; max RSS comes from the child itself
 * (process.resourceUsage().maxRSS), so it is the process's own peak, not a sample.
 */
export async function runChild<T>(root: string, script: string, args: Record<string, unknown>, options: { timeoutMs?: number } = {}): Promise<T> {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(root, 'bench', 'children', script), JSON.stringify(args)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const line = out.split('\n').find((l) => l.startsWith('RESULT:'));
  if (code !== 0 || !line) throw new Error(`${script} exited ${code}: ${(err || out).trim().slice(-600)}`);
  return JSON.parse(line.slice('RESULT:'.length)) as T;
}

/** In a child: prints the result line run.ts reads. */
export function report(value: unknown): void {
  process.stdout.write(`RESULT:${JSON.stringify(value)}\n`);
}

export function childArgs<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/** Starts a long-running child and resolves with its RESULT line; `stop()` ends it. */
export async function startChild<T>(root: string, script: string, args: Record<string, unknown>): Promise<{ value: T; stop(): Promise<void> }> {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(root, 'bench', 'children', script), JSON.stringify(args)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const value = await new Promise<T>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('RESULT:'));
      if (line) resolve(JSON.parse(line.slice('RESULT:'.length)) as T);
    });
    child.on('close', (code) => reject(new Error(`${script} exited ${code}: ${err.slice(-600)}`)));
  });
  return {
    value,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
