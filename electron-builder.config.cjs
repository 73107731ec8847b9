// electron-builder configuration (`npm run package`). See README "Desktop shell, security and packaging".
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: electron-builder loads this file with require() */
const electronVersion = require('electron/package.json').version;

// better-sqlite3 for Electron's ABI, prepared by scripts/prepare-electron-native.mjs (run by
// build/before-pack.cjs for each target). electron-builder's own rebuild is off: it would
// overwrite node_modules' Node build, which the tests and the CLI need. Platform names are
// Node's (the app looks the folder up with process.platform); ${arch} is electron-builder's
// macro for the target arch (its ${platform} would be the build machine's, hence per platform).
const nativeResources = (platform) => {
  const folder = `native/electron-${electronVersion}-${platform}-\${arch}`;
  return [{ from: folder, to: folder, filter: ['better_sqlite3.node'] }];
};

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.resellerdesk.app',
  productName: 'Reseller Desk',
  copyright: 'Copyright © Reseller Desk',
  directories: { output: 'dist', buildResources: 'build' },
  asar: true,
  // Native addons are loaded from real files next to app.asar.
  asarUnpack: ['**/*.node'],
  npmRebuild: false,
  files: [
    'package.json',
    'out/**',
    // better-sqlite3's Node build, sources and tests: never loaded by the packaged app.
    '!node_modules/better-sqlite3/build/**',
    '!node_modules/better-sqlite3/deps/**',
    '!node_modules/better-sqlite3/src/**',
    '!**/*.{map,md,ts,tsbuildinfo}',
  ],
  extraResources: [{ from: 'resources', to: 'icons', filter: ['**/*.png'] }],
  beforePack: './build/before-pack.cjs',
  afterPack: './build/after-pack.cjs',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'reseller-desk',
    icon: 'resources/icon.png',
    extraResources: nativeResources('linux'),
    synopsis: 'Run a proxy reselling business: customers, prices, proxies, money and alerts.',
  },
  deb: { depends: ['libsecret-1-0'] },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    icon: 'resources/icon.png',
    hardenedRuntime: true,
    extraResources: nativeResources('darwin'),
  },
  win: { target: ['nsis'], icon: 'resources/icon-256.png', extraResources: nativeResources('win32') },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  publish: null,
};
