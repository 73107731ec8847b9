import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
export const nativeFolder = `electron-${electronVersion}-${process.platform}-${process.arch}`;
const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

export interface AppLayout {
  /** app.getAppPath(): the project folder (dev) or resources/app.asar (packaged). */
  appPath: string;
  /** process.resourcesPath. */
  resourcesPath: string;
  packaged: boolean;
  mainBundle: string;
}

/**
 * Lays the built app out as Electron would run it, from the production build in out/:
 * - dev (`npm start`'s shape, unpackaged): the project folder with out/, resources/ and
 *   native/<electron build>/ (what `npm run prestart` makes);
 * - packaged (electron-builder's shape): resources/app.asar/ with out/ and package.json,
 *   resources/native/<electron build>/ and resources/icons/ (extraResources). app.asar is a
 *   plain folder here: Electron reads an asar archive as one.
 * The "Electron build" is a copy of node_modules' build, which loads in this Node process.
 */
export function makeLayout(dir: string, kind: 'dev' | 'packaged'): AppLayout {
  const out = join(root, 'out', 'main', 'index.js');
  if (!existsSync(out)) throw new Error('No production build in out/: run `npm run build` first (npm test does).');
  const packaged = kind === 'packaged';
  const resourcesPath = packaged ? join(dir, 'resources') : join(dir, 'app', 'node_modules', 'electron', 'dist', 'resources');
  const appPath = packaged ? join(resourcesPath, 'app.asar') : join(dir, 'app');
  mkdirSync(appPath, { recursive: true });
  cpSync(join(root, 'out'), join(appPath, 'out'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(appPath, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(appPath, 'node_modules'), 'dir');
  const nativeDir = join(packaged ? resourcesPath : appPath, 'native', nativeFolder);
  mkdirSync(nativeDir, { recursive: true });
  copyFileSync(nodeBuild, join(nativeDir, 'better_sqlite3.node'));
  if (packaged) {
    // extraResources: { from: 'resources', to: 'icons', filter: ['**/*.png'] }
    copyPngs(join(root, 'resources'), join(resourcesPath, 'icons'));
  } else {
    cpSync(join(root, 'resources'), join(appPath, 'resources'), { recursive: true });
  }
  return { appPath, resourcesPath, packaged, mainBundle: join(appPath, 'out', 'main', 'index.js') };
}

function copyPngs(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyPngs(join(from, entry.name), join(to, entry.name));
    else if (entry.name.endsWith('.png')) {
      mkdirSync(to, { recursive: true });
      copyFileSync(join(from, entry.name), join(to, entry.name));
    }
  }
}

export interface Report {
  kind: string;
  [key: string]: unknown;
}

export interface RunningBundle {
  child: ChildProcess;
  reports: Report[];
  /** Output of the process (stdout and stderr), for failure messages. */
  output(): string;
  waitFor(kind: string, match?: (r: Report) => boolean, timeoutMs?: number): Promise<Report>;
  invoke<T = unknown>(channel: string, input?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
  command<T = unknown>(cmd: string, fields?: Record<string, unknown>): Promise<T>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the production main bundle under the Electron stand-in. */
export function launchBundle(layout: AppLayout, options: { dataDir: string; env?: NodeJS.ProcessEnv; args?: string[] }): RunningBundle {
  const register = join(root, 'test', 'support', 'electron-stand-in', 'register.mjs');
  const child = fork(layout.mainBundle, options.args ?? [], {
    cwd: layout.appPath,
    execArgv: ['--import', register],
    env: {
      ...process.env,
      ...options.env,
      RESELLER_DESK_DATA_DIR: options.dataDir,
      STANDIN_APP_PATH: layout.appPath,
      STANDIN_RESOURCES_PATH: layout.resourcesPath,
      STANDIN_PACKAGED: layout.packaged ? '1' : '0',
      ELECTRON_RENDERER_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const reports: Report[] = [];
  const waiters = new Set<() => void>();
  child.on('message', (message: Report) => {
    reports.push(message);
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => {
    gone = true;
    for (const w of [...waiters]) w();
  });

  const waitFor: RunningBundle['waitFor'] = (kind, match = () => true, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = reports.find((r) => r.kind === kind && match(r));
        if (found) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        } else if (gone) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`The app ended before '${kind}'. Reports: ${summarize(reports)}\nOutput:\n${output}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`No '${kind}' within ${timeoutMs} ms. Reports: ${summarize(reports)}\nOutput:\n${output}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  let nextId = 1;
  const command = async <T,>(cmd: string, fields: Record<string, unknown> = {}): Promise<T> => {
    const id = nextId++;
    child.send({ cmd, id, ...fields });
    const reply = await waitFor('reply', (r) => r.id === id);
    if (reply.error) throw new Error(String(reply.error));
    return reply.value as T;
  };
  return {
    child,
    reports,
    output: () => output,
    waitFor,
    command,
    invoke: (channel, input) => command('invoke', { channel, input }),
    exited,
  };
}

function summarize(reports: Report[]): string {
  return reports.map((r) => (r.kind === 'error-box' ? `error-box(${String(r.title)}: ${String(r.content)})` : r.kind)).join(', ');
}
