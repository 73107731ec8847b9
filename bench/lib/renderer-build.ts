import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * The production renderer build the e2e harness serves, made by the bench itself into
 * bench/.data (never out/, which `npm test` and other work rebuild) and reused while
 * src/renderer and src/shared are unchanged.
 */

function hashTree(h: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(h, path);
    else h.update(path).update(readFileSync(path));
  }
}

export async function rendererBuild(root: string, log: (line: string) => void): Promise<string> {
  const h = createHash('sha256');
  hashTree(h, join(root, 'src', 'renderer'));
  hashTree(h, join(root, 'src', 'shared'));
  const outDir = join(root, 'bench', '.data', `renderer-${h.digest('hex').slice(0, 10)}`);
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  log('  building the renderer (production build, cached by source hash)…');
  for (const name of readdirSync(join(root, 'bench', '.data'))) {
    if (name.startsWith('renderer-')) rmSync(join(root, 'bench', '.data', name), { recursive: true, force: true });
  }
  await build({
    root: join(root, 'src', 'renderer'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, rollupOptions: { input: { index: join(root, 'src', 'renderer', 'index.html') } } },
  });
  return outDir;
}
