/**
 * `npx tsx test/e2e/harness/build-renderer.ts <outDir>`: the production renderer build
 * (the renderer part of electron.vite.config.ts) into a folder of its own, for
 * `E2E_RENDERER_DIR=<outDir> npx playwright test …`.
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { build } from 'vite';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: tsx test/e2e/harness/build-renderer.ts <outDir>');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '../../..');
await build({
  root: resolve(root, 'src/renderer'),
  base: './',
  configFile: false,
  logLevel: 'warn',
  plugins: [react()],
  build: { outDir: resolve(outDir), emptyOutDir: true, rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } } },
});
console.log(`renderer built into ${resolve(outDir)}`);
