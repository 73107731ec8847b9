#!/usr/bin/env node
/**
 * The `reseller-desk` command (package.json "bin"). It runs the TypeScript source of the
 * CLI (src/main/cli/index.ts) in this same process through tsx's loader, so there is
 * no build step and no child process (Ctrl-C, exit codes and stdio behave as usual).
 * tsx is a devDependency: this works from a checkout after `npm install`
 * (`npm link` or `npx reseller-desk`), which is where scheduled month-end jobs run today.
 */
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/main/cli/index.ts', import.meta.url).href);
