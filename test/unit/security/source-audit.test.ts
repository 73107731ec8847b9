import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Electron security checklist items that are about what the code never does: read from
 * the source itself, so a later change that re-enables a dangerous option, opens a
 * second way out to the OS or a second IPC entry point fails here (docs/SECURITY-CHECKLIST.md).
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|html|cjs|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path: relative(ROOT, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));
/** Code without comments, so a comment explaining a rule does not trip it. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const filesMatching = (pattern: RegExp, within = files) => within.filter((f) => pattern.test(code(f.text))).map((f) => f.path);

describe('Electron security checklist, as the source shows it', () => {
  it('has source to audit (the scan is not looking at an empty folder)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'src/main/shell/web-preferences.ts')).toBe(true);
  });

  it('#2–#4, #6, #8–#10: no file turns a hardened webPreference back off or enables Blink features', () => {
    const dangerous = /\b(nodeIntegration(InWorker|InSubFrames)?\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false|webSecurity\s*:\s*false|allowRunningInsecureContent\s*:\s*true|experimentalFeatures\s*:\s*true|enableBlinkFeatures|webviewTag\s*:\s*true)/;
    expect(filesMatching(dangerous)).toEqual([]);
  });

  it('#1, #4: windows are created in one place only, always with the hardened webPreferences', () => {
    expect(filesMatching(/new\s+BrowserWindow\s*\(/)).toEqual(['src/main/shell/main-window.ts']);
    expect(files.find((f) => f.path === 'src/main/shell/main-window.ts')!.text).toMatch(/webPreferences:\s*secureWebPreferences\(/);
    expect(filesMatching(/\bBrowserView\b|\bWebContentsView\b/)).toEqual([]);
  });

  it('#11, #12: no <webview>, no allowpopups anywhere (renderer included)', () => {
    expect(filesMatching(/<webview\b|\ballowpopups\b/i)).toEqual([]);
  });

  it('#15: shell.openExternal is called in exactly one audited helper', () => {
    expect(filesMatching(/\bshell\s*\.\s*openExternal\s*\(/)).toEqual(['src/main/shell/external-links.ts']);
    // …and nobody imports it under another name.
    expect(filesMatching(/\{[^}]*\bopenExternal\b[^}]*\}\s*from\s*'electron'/)).toEqual([]);
    // openPath only in the Settings "Open the folder" hook, which opens the data folder
    // main chose (the channel takes no input) and checks it is a folder first.
    expect(filesMatching(/\bshell\s*\.\s*(openPath|showItemInFolder)\s*\(/)).toEqual(['src/main/shell/desktop-hooks.ts']);
  });

  it('#17: main listens to the page on exactly one IPC entry point, the sender-checked bridge', () => {
    expect(filesMatching(/\bipcMain\s*\.\s*(handle|handleOnce|on|once|addListener)\s*\(/)).toEqual(['src/main/shell/ipc-bridge.ts']);
  });

  it('#20: the preload exposes one object through contextBridge and the page never sees ipcRenderer', () => {
    expect(filesMatching(/contextBridge\s*\.\s*exposeInMainWorld\s*\(/)).toEqual(['src/preload/index.ts']);
    const preload = code(files.find((f) => f.path === 'src/preload/index.ts')!.text);
    expect(preload.match(/exposeInMainWorld\s*\(/g)).toHaveLength(1);
    expect(filesMatching(/\bipcRenderer\b|\brequire\s*\(\s*['"]electron['"]\s*\)|window\s*\.\s*require\b/, files.filter((f) => f.path.startsWith('src/renderer/')))).toEqual([]);
  });

  it('#7: no code runs strings as code, and the renderer never injects raw HTML', () => {
    expect(filesMatching(/(^|[^.\w])eval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['"`]/)).toEqual([]);
    expect(filesMatching(/dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\s*\(/, files.filter((f) => f.path.startsWith('src/renderer/')))).toEqual([]);
  });

  it('#1, #6: certificate errors are never waved through and Chromium switches never weaken security', () => {
    expect(filesMatching(/certificate-error|setCertificateVerifyProc|ignore-certificate-errors|disable-web-security|appendSwitch\s*\(|NODE_TLS_REJECT_UNAUTHORIZED|rejectUnauthorized\s*:\s*false/)).toEqual([]);
  });

  it('#20: the deprecated remote module is not used', () => {
    expect(filesMatching(/@electron\/remote|enableRemoteModule/)).toEqual([]);
  });

  it('#7: the page ships with a Content-Security-Policy meta tag that runs only its own scripts', () => {
    const html = files.find((f) => f.path === 'src/renderer/index.html')!.text;
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('#16: runs a current Electron (the installed one is the one package.json asks for, 45 or later)', () => {
    const require = createRequire(import.meta.url);
    const installed = (require('electron/package.json') as { version: string }).version;
    const wanted = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron!;
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(45);
    expect(wanted.replace(/^[\^~]/, '').split('.')[0]).toBe(installed.split('.')[0]);
  });
});
