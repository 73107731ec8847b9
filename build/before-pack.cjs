// electron-builder beforePack hook: makes sure the Electron build of better-sqlite3 for the
// target platform/arch is in native/ before the files are copied (extraResources). Strict:
// a package without it could not open its ledger, so packaging stops instead.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: electron-builder loads this file with require() */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

// electron-builder's Arch enum: ia32, x64, armv7l, arm64, universal.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch];
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  if (!arch || arch === 'universal') throw new Error(`Reseller Desk: unsupported packaging arch ${String(context.arch)}; package x64 and arm64 separately.`);
  const script = path.join(__dirname, '..', 'scripts', 'prepare-electron-native.mjs');
  const result = spawnSync(process.execPath, [script, '--strict', `--platform=${platform}`, `--arch=${arch}`], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Reseller Desk: better-sqlite3 for Electron is missing (see the message above); packaging stopped.');
}

module.exports = beforePack;
module.exports.default = beforePack;
module.exports.beforePack = beforePack;
