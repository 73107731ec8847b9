#!/usr/bin/env node
// `npm start` runs this first (prestart). Electron 42 and later no longer download their
// binary at install, and electron-vite stops with "Electron uninstall" when it is missing,
// so a fresh `npm install && npm start` needs two things fetched once:
//   1. Electron's binary: node_modules/electron/install.js (honours ELECTRON_MIRROR,
//      electron_config_cache and the other @electron/get settings);
//   2. better-sqlite3 built for Electron's ABI: scripts/prepare-electron-native.mjs.
// Offline, each says in one line what is missing and the command to run later.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

let electronVersion;
try {
  electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
} catch {
  console.error('✖ Electron is not in node_modules: run `npm install` first.');
  process.exit(1);
}

// Electron 45's tooling (@electron/get 5, @electron/rebuild 4) is made for Node 22.12 and later.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.warn(`⚠ npm start needs Node.js 22.12 or later for Electron ${electronVersion}'s tools (this is Node ${process.versions.node}); npm test runs on Node 20.`);
}

const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
if (install.status !== 0) {
  // install.js prints a whole stack; its first line is the reason.
  const output = install.stderr ?? install.error?.message ?? '';
  const firstLine = output.split('\n').find((line) => line.trim())?.trim() ?? `exit status ${install.status}`;
  const reason = /fetch failed|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|ECONNRESET/.test(output) ? 'no connection to its download server' : firstLine;
  console.error(
    `✖ Electron ${electronVersion} is not installed and could not be downloaded (${reason}). ` +
      'Connect to the internet once and run `node node_modules/electron/install.js` (or `npm start` again).',
  );
  process.exit(1);
}

const native = spawnSync(process.execPath, [join(root, 'scripts', 'prepare-electron-native.mjs')], { cwd: root, stdio: 'inherit' });
process.exit(native.status ?? 1);
