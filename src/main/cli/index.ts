#!/usr/bin/env node
/**
 * `npm run cli -- <command>` (tsx) and bin/reseller-desk.js: the CLI entry. Commands
 * live in ./commands (one module each); see ./command-module.ts.
 */
import { runCli } from './program';
import { processIo } from './runtime';

const controller = new AbortController();
const stop = () => {
  // A second Ctrl-C ends at once; the first lets a command remove its temporary files.
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

process.exitCode = await runCli(process.argv.slice(2), processIo, controller.signal);
