// Loaded with `node --import` before the production main bundle: makes this Node process
// look like Electron's main process where the app depends on the difference.
//   - process.versions.electron, process.type and process.resourcesPath as Electron sets them;
//   - `import 'electron'` resolves to the recording stand-in (electron.mjs);
//   - `import 'better-sqlite3'` resolves to a guard that refuses, as Electron does, every
//     open that does not pass an Electron build of the addon as `nativeBinding`.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'));

Object.defineProperty(process.versions, 'electron', { value: electron.version, enumerable: true });
Object.defineProperty(process.versions, 'chrome', { value: '142.0.0.0', enumerable: true });
process.type = 'browser';
process.resourcesPath = process.env.STANDIN_RESOURCES_PATH;

register('./hooks.mjs', import.meta.url);
