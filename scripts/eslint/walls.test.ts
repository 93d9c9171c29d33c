import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The walls of scripts/eslint/walls.mjs, tried on files that break them: each must fail
 * `npm run lint` with its sentence, and the same imports done the right way must pass.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function wallErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'mgramseva/walls').map((m) => m.message);
}

describe('lint walls', () => {
  it('a screen importing core internals fails; its contracts pass', async () => {
    expect(await wallErrors('renderer/src/screens/Bad.tsx', "import { openDatabase } from '../../../core/src/db/database.js';\nexport const x = openDatabase;\n")).toEqual([
      expect.stringMatching(/renderer\/ imports core\/src\/db\/database.js by path: import it from '@mgramseva\/core\/contracts'/),
    ]);
    expect(await wallErrors('renderer/src/screens/Bad.tsx', "import { Core } from '@mgramseva/core/node';\nexport const x = Core;\n")).toEqual([
      expect.stringMatching(/renderer\/ may import @mgramseva\/core\/contracts, not @mgramseva\/core\/node/),
    ]);
    expect(await wallErrors('renderer/src/screens/Bad.tsx', "import fs from 'node:fs';\nexport const x = fs;\n")).toEqual([expect.stringMatching(/screens run in the browser/)]);
    expect(await wallErrors('renderer/src/screens/Good.tsx', "import { contract } from '@mgramseva/core/contracts';\nexport const x = contract;\n")).toEqual([]);
  });

  it('collections reaching into billing internals fails; billing’s public module passes', async () => {
    expect(await wallErrors('core/src/collections/bad.ts', "import { cycleSummaryHtml } from '../billing/cycle-summary-html.js';\nexport const x = cycleSummaryHtml;\n")).toEqual([
      expect.stringMatching(/collections\/ reaches into core\/src\/billing\/cycle-summary-html.js: use what billing\/index.ts exports/),
    ]);
    expect(await wallErrors('core/src/collections/good.ts', "import { cycleSummaryHtml } from '../billing/index.js';\nexport const x = cycleSummaryHtml;\n")).toEqual([]);
  });

  it('a domain importing one that already depends on it fails (no circles between domains)', async () => {
    // collections already uses billing (apportion); billing using collections would close a circle.
    expect(await wallErrors('core/src/billing/bad.ts', "import { loadReceipt } from '../collections/index.js';\nexport const x = loadReceipt;\n")).toEqual([
      expect.stringMatching(/circular domain imports: billing → collections → billing/),
    ]);
  });

  it('core imports no other program, nor Electron or React', async () => {
    expect(await wallErrors('core/src/bad.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([expect.stringMatching(/core is plain Node/)]);
    expect(await wallErrors('core/src/bad.ts', "import { buildServer } from '../../server/src/app.js';\nexport const x = buildServer;\n")).toEqual([
      expect.stringMatching(/core\/ imports server\/src\/app.js by path/),
    ]);
  });

  it('the central server reaches core through its package, never by path', async () => {
    expect(await wallErrors('server/src/bad.ts', "import { newId } from '../../core/src/sync/ids.js';\nexport const x = newId;\n")).toEqual([
      expect.stringMatching(/server\/ imports core\/src\/sync\/ids.js by path: import it from '@mgramseva\/core\/node'/),
    ]);
    expect(await wallErrors('server/src/bad.ts', "import { openTestCore } from '@mgramseva/core/testing';\nexport const x = openTestCore;\n")).toEqual([
      expect.stringMatching(/server\/ may import @mgramseva\/core\/contracts or @mgramseva\/core\/node/),
    ]);
    expect(await wallErrors('server/src/good.test.ts', "import { openTestCore } from '@mgramseva/core/testing';\nexport const x = openTestCore;\n")).toEqual([]);
  });
});
