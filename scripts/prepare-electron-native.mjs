#!/usr/bin/env node
// Puts a better-sqlite3 build for Electron's ABI in native/electron-<version>-<platform>-<arch>/,
// leaving node_modules' build (for Node: tests, CLI, sandbox) untouched. Runs before
// `npm start` (prestart) and before packaging (build/before-pack.cjs, with --strict).
//
// How: copy node_modules/better-sqlite3 (without its build/) to a temp folder, then
//   1. prebuild-install --runtime=electron --target=<version>  (download the project's prebuilt binary), or
//   2. node-gyp rebuild --runtime=electron --target=<version> --dist-url=https://electronjs.org/headers
// and copy the resulting .node file into native/. Offline, both fail: the script says so and
// exits 0 (so `npm start` still tries), or 1 with --strict (a package must never ship without it).
//
// Usage: node scripts/prepare-electron-native.mjs [--strict] [--force] [--platform=<p>] [--arch=<a>]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

const strict = flag('strict');
const force = flag('force');
const platform = option('platform', process.platform);
const arch = option('arch', process.arch);
const require = (file) => JSON.parse(readFileSync(join(root, 'node_modules', file, 'package.json'), 'utf8'));

let work; // the temp copy, removed on every exit path (process.exit skips `finally`)

function fail(message) {
  if (work) rmSync(work, { recursive: true, force: true });
  const lines = [
    '',
    `⚠ prepare-electron-native: ${message}`,
    '  Reseller Desk needs better-sqlite3 built for Electron to open its ledger under Electron',
    '  (tests and the CLI use the Node build in node_modules and are not affected).',
    '  Connect to the internet (or install a C++ toolchain and Python for node-gyp) and run:',
    '    node scripts/prepare-electron-native.mjs',
    '',
  ];
  console.warn(lines.join('\n'));
  process.exit(strict ? 1 : 0);
}

let electronVersion;
let electronAbi;
let sqliteVersion;
try {
  electronVersion = require('electron').version;
  electronAbi = readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  sqliteVersion = require('better-sqlite3').version;
} catch (error) {
  fail(`cannot read the installed electron / better-sqlite3 versions (${error.message}). Run npm install first.`);
}

/**
 * A Node addon exports node_register_module_v<ABI>: a build whose symbol names another ABI
 * (say Node's, when an .npmrc `nodedir` made node-gyp use Node's headers) would crash the app.
 */
const builtForElectron = (file) => existsSync(file) && readFileSync(file).includes(`node_register_module_v${electronAbi}`);

const folder = join(root, 'native', `electron-${electronVersion}-${platform}-${arch}`);
const target = join(folder, 'better_sqlite3.node');
if (existsSync(target) && !force) {
  console.log(`prepare-electron-native: ${relative(root, target)} is ready (better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}).`);
  process.exit(0);
}

console.log(`prepare-electron-native: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})…`);
work = mkdtempSync(join(tmpdir(), 'rd-electron-native-'));
const pkgDir = join(work, 'better-sqlite3');
// npm passes .npmrc settings down as npm_config_*; a `nodedir` there makes node-gyp compile
// against Node's headers instead of downloading Electron's. Drop it (and its kin) here.
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_config_(nodedir|target|runtime|arch|platform|dist_url|disturl)|NODEDIR)$/i.test(key)));
const run = (cmd, cmdArgs, timeoutMs) => {
  const result = spawnSync(cmd, cmdArgs, {
    cwd: pkgDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: timeoutMs,
    env: { ...childEnv, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_arch: arch, npm_config_platform: platform, npm_config_disturl: 'https://electronjs.org/headers' },
  });
  return result.status === 0;
};

try {
  cpSync(join(root, 'node_modules', 'better-sqlite3'), pkgDir, {
    recursive: true,
    filter: (src) => !src.startsWith(join(root, 'node_modules', 'better-sqlite3', 'build')),
  });
  const built = join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
  const prebuildInstall = join(root, 'node_modules', 'prebuild-install', 'bin.js');
  const nodeGyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

  let ok = existsSync(prebuildInstall) &&
    run(process.execPath, [prebuildInstall, '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`, '--verbose'], 5 * 60_000) &&
    builtForElectron(built);
  if (!ok) {
    if (platform !== process.platform) fail(`no prebuilt binary could be downloaded for ${platform}-${arch}, and node-gyp cannot cross-compile to another OS.`);
    console.log('prepare-electron-native: no prebuilt binary; compiling with node-gyp instead…');
    ok = existsSync(nodeGyp) &&
      run(process.execPath, [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'], 20 * 60_000) &&
      existsSync(built);
    if (ok && !builtForElectron(built)) fail(`node-gyp produced a build for another ABI than Electron's (${electronAbi}); check for a "nodedir" setting in .npmrc.`);
  }
  if (!ok) fail('could neither download nor compile better-sqlite3 for Electron (offline?).');

  mkdirSync(folder, { recursive: true });
  const partial = `${target}.partial`;
  copyFileSync(built, partial);
  renameSync(partial, target);
  console.log(`prepare-electron-native: wrote ${relative(root, target)}.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
