// The Electron fuses of a packaged Reseller Desk, flipped into the binary by build/after-pack.cjs.
// Kept in their own module (plain names → values) so a unit test can assert them exactly.
'use strict';

/** @type {Readonly<Record<string, boolean>>} */
const FUSE_SETTINGS = Object.freeze({
  // `ELECTRON_RUN_AS_NODE=1 "Reseller Desk"` must not turn the signed app into a node interpreter.
  RunAsNode: false,
  // NODE_OPTIONS (--require, --inspect) must not inject code into the app.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk must not open a debugger into the process holding the API keys.
  EnableNodeCliInspectArguments: false,
  // Cookies and Chromium storage are encrypted with an OS-keychain key.
  EnableCookieEncryption: true,
  // app.asar is checked against the hash embedded at build time (macOS, Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded: a dropped-in resources/app folder is ignored.
  OnlyLoadAppFromAsar: true,
});

module.exports = { FUSE_SETTINGS };
