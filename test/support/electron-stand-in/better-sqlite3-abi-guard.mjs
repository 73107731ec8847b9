// better-sqlite3 as Electron sees it. node_modules holds a build for Node's ABI, which
// Electron refuses to load (NODE_MODULE_VERSION mismatch) the moment a connection opens
// without `nativeBinding`; an addon inside app.asar cannot be loaded either (dlopen needs a
// real file). Only a build in a `native/electron-<version>-<platform>-<arch>/` folder is
// taken as the Electron build (the test layout puts a copy of the Node build there, so it
// loads in this Node process).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { report } from './channel.mjs';

const require = createRequire(import.meta.url);
const Real = require('better-sqlite3');
const electronDir = join(require.resolve('electron/package.json'), '..');
const electronAbi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
const folder = `${sep}native${sep}electron-${process.versions.electron}-${process.platform}-${process.arch}${sep}better_sqlite3.node`;
const nodeBuild = join(require.resolve('better-sqlite3/package.json'), '..', 'build', 'Release', 'better_sqlite3.node');

function refuse(file, binding) {
  report('sqlite-refused', { file: String(file), binding: binding ?? null });
  return new Error(
    `The module '${binding ?? nodeBuild}'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION ${process.versions.modules}. ` +
      `This version of Node.js requires\nNODE_MODULE_VERSION ${electronAbi}. Please try re-compiling or re-installing\nthe module (for instance, using \`npm rebuild\` or \`npm install\`).`,
  );
}

function Database(file, options) {
  const binding = options?.nativeBinding;
  if (typeof binding !== 'string' || !binding.endsWith(folder) || !existsSync(binding)) throw refuse(file, binding);
  if (binding.includes(`app.asar${sep}`)) throw new Error(`${binding}: cannot open shared object file: Not a directory`);
  report('sqlite-opened', { file: String(file) });
  return new Real(file, options);
}
Object.setPrototypeOf(Database, Real);
Database.prototype = Real.prototype;

export default Database;
