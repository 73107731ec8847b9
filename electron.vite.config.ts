import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const root = process.cwd();

/**
 * `npm start` only: drop the page's <meta> CSP from the dev server's HTML. Vite's React
 * refresh preamble is an inline script the production policy forbids; in dev, main sends
 * the policy as a header instead (src/main/shell/content-security-policy.ts), which admits
 * just that and the loopback dev server. Production builds keep the meta tag untouched.
 */
const devCspFromMain = (): Plugin => ({
  name: 'reseller-desk:dev-csp-from-main',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
});

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(root, 'src/main/index.ts') } },
    },
  },
  preload: {
    // A sandboxed preload cannot require() packages: bundle everything into one CommonJS file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), devCspFromMain()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
  },
});
