#!/usr/bin/env node
// `npm test`: typecheck, lint, build, unit (vitest) and e2e (Playwright), in that order.
// Every step runs even after a failure so one run shows everything; the exit code is
// non-zero if any step failed. The keychain tests need a Secret Service: when no D-Bus
// session exists, this script re-runs itself inside dbus-run-session with an unlocked
// gnome-keyring, as a user's desktop would have.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reportDir = process.env.CI_REPORT_DIR ?? join(root, 'test-results', 'reports');
const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

if (!process.env.DBUS_SESSION_BUS_ADDRESS && !process.env.RESELLER_DESK_IN_DBUS && which('dbus-run-session') && which('gnome-keyring-daemon')) {
  // A throwaway keyring folder: a login keyring left by an earlier run (with another
  // password) would otherwise refuse to unlock and fail the keychain tests.
  const inner =
    'export XDG_DATA_HOME="$(mktemp -d)"; echo -n test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec node scripts/test.mjs';
  const child = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, RESELLER_DESK_IN_DBUS: '1' },
  });
  process.exit(child.status ?? 1);
}

rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
const env = { ...process.env, CI_REPORT_DIR: reportDir };
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['build', bin('electron-vite'), ['build']],
  ['unit', bin('vitest'), ['run']],
  ['e2e', bin('playwright'), ['test']],
];

const failedSteps = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}: ${[cmd.replace(root, ''), ...args].join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) failedSteps.push(name);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(join(reportDir, file), 'utf8'));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
const vitest = readJson('vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  // A test file that cannot even load fails as a suite with no failed test in it.
  if (!vitest.numFailedTests && vitest.numFailedTestSuites) failed += vitest.numFailedTestSuites;
}
const pw = readJson('playwright.json');
if (pw?.stats) {
  passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
  failed += pw.stats.unexpected ?? 0;
}
// A step that failed without failing a test (typecheck, lint, build, a crashed runner) still counts.
const testSteps = new Set(['unit', 'e2e']);
for (const step of failedSteps) {
  if (!testSteps.has(step) || (step === 'unit' && !vitest) || (step === 'e2e' && !pw)) failed += 1;
}
if (failedSteps.length > 0 && failed === 0) failed = failedSteps.length;

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(reportDir, 'summary.txt'), summary + '\n');
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${summary}`);
process.exit(failedSteps.length ? 1 : 0);
