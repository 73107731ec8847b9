import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The process boundaries of DESIGN.md are enforced by the project's ESLint config;
 * this proves the rules fire (and don't fire) on code placed in each layer.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('process boundaries (ESLint)', () => {
  it('allows electron only in the shell, the main entry and the preload', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await restricted('src/main/shell/probe.ts', code)).toEqual([]);
    expect(await restricted('src/main/index.ts', code)).toEqual([]);
    expect(await restricted('src/preload/probe.ts', code)).toEqual([]);
    expect(await restricted('src/main/services/probe.ts', code)).not.toEqual([]);
    expect(await restricted('src/main/ledger/probe.ts', code)).not.toEqual([]);
    expect(await restricted('src/renderer/src/probe.ts', code)).not.toEqual([]);
    expect(await restricted('src/shared/probe.ts', code)).not.toEqual([]);
  });

  it('keeps the renderer to src/shared and itself', async () => {
    expect(await restricted('src/renderer/src/probe.ts', "import { x } from '../../main/app-context';\nexport const a = x;\n")).not.toEqual([]);
    expect(await restricted('src/renderer/src/probe.ts', "import { x } from '../../preload/index';\nexport const a = x;\n")).not.toEqual([]);
    expect(await restricted('src/renderer/src/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).not.toEqual([]);
    expect(await restricted('src/renderer/src/probe.ts', "import { formatMoney } from '../../shared/money';\nexport const a = formatMoney;\n")).toEqual([]);
  });

  it('keeps src/shared free of node, electron and DOM', async () => {
    expect(await restricted('src/shared/probe.ts', "import { createHash } from 'crypto';\nexport const a = createHash;\n")).not.toEqual([]);
    expect(await restricted('src/shared/probe.ts', "import { join } from 'node:path';\nexport const a = join;\n")).not.toEqual([]);
    expect(await restricted('src/shared/probe.ts', 'export const a = document.title;\n')).not.toEqual([]);
    expect(await restricted('src/shared/probe.ts', "import { x } from './contract/events';\nexport const a = x;\n")).toEqual([]);
  });

  it('keeps the sandbox and the provider adapters apart', async () => {
    expect(await restricted('src/main/sandbox/probe.ts', "import { x } from '../providers/types';\nexport const a = x;\n")).not.toEqual([]);
    expect(await restricted('src/main/providers/probe.ts', "import { x } from '../sandbox/index';\nexport const a = x;\n")).not.toEqual([]);
  });

  it('opens SQLite only through openSqlite, which applies the Electron build', async () => {
    const opens = async (path: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: path });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
    };
    const direct = "import Database from 'better-sqlite3';\nexport const db = new Database(':memory:');\n";
    expect(await opens('src/main/sandbox/core/probe.ts', direct)).toHaveLength(2);
    expect(await opens('src/main/services/backup/probe.ts', "import type Database from 'better-sqlite3';\nexport const open = (D: typeof Database) => new D(':memory:');\nexport const db = new Database(':memory:');\n")).toHaveLength(1);
    expect(await opens('src/main/sqlite/open-sqlite.ts', direct)).toEqual([]);
    expect(await opens('src/main/ledger/probe.ts', "import type Database from 'better-sqlite3';\nexport type Db = Database.Database;\n")).toEqual([]);
  });

  it('keeps migrations free of app code', async () => {
    expect(await restricted('src/main/ledger/migrations/9999-probe.ts', "import { x } from '../journal';\nexport const a = x;\n")).not.toEqual([]);
  });
});
