// electron-builder afterPack hook: flips the Electron fuses of build/fuses.cjs into the packed
// binary, before signing (electron-builder signs after this hook, so the signature covers it).
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: electron-builder loads this file with require() */
const path = require('node:path');
const { FUSE_SETTINGS } = require('./fuses.cjs');

/** Path of the Electron executable inside the packed app, per platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

/** The @electron/fuses config for FUSE_SETTINGS (enum keys looked up by name, so a typo throws). */
function fuseConfig(fuses, platformName) {
  const config = { version: fuses.FuseVersion.V1, strictlyRequireAllFuses: false };
  for (const [name, enabled] of Object.entries(FUSE_SETTINGS)) {
    const key = fuses.FuseV1Options[name];
    if (key === undefined) throw new Error(`Unknown Electron fuse ${name}`);
    config[key] = enabled;
  }
  // Changing the binary invalidates an ad-hoc signature (Apple silicon): re-sign it ad hoc.
  if (platformName === 'darwin' || platformName === 'mas') config.resetAdHocDarwinSignature = true;
  return config;
}

async function afterPack(context) {
  const fuses = await import('@electron/fuses'); // ESM-only package
  const binary = electronBinaryPath(context);
  await fuses.flipFuses(binary, fuseConfig(fuses, context.electronPlatformName));
  console.log(`  • fuses set on ${path.basename(binary)}: ${Object.entries(FUSE_SETTINGS).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(', ')}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.afterPack = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
