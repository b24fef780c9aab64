// The dependency direction of ARCHITECTURE.md is enforced by ESLint
// (eslint.layering.mjs, run over the tree by `npm run lint`). These cases lint
// sample imports at paths in each layer against exactly those rules, so a rule
// that stops matching (a pattern typo, a folder renamed) fails here instead of
// passing every file vacuously.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(__dirname, '../../../..');

interface Case {
  file: string;
  code: string;
  allowed: boolean;
}

const imp = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

const CASES: Case[] = [
  // The language core is pure.
  { file: 'server/src/language/model/a.ts', code: imp('node:fs'), allowed: false },
  { file: 'server/src/language/model/a.ts', code: imp('fs'), allowed: false },
  { file: 'server/src/language/features/a.ts', code: imp('vscode-languageserver/node'), allowed: false },
  { file: 'server/src/language/features/a.ts', code: imp('vscode'), allowed: false },
  { file: 'server/src/language/features/a.ts', code: imp('../../../../protocol/src/lineageGraph'), allowed: false },
  { file: 'server/src/language/features/a.ts', code: imp('../../catalog/unityCatalogProvider'), allowed: false },
  { file: 'server/src/language/model/a.ts', code: imp('../../engine/runtime/runPipeline'), allowed: false },
  { file: 'server/src/language/model/a.ts', code: imp('@duckdb/node-api'), allowed: false },
  { file: 'server/src/language/model/a.ts', code: 'export const t = setTimeout(() => 0, 1);\n', allowed: false },
  { file: 'server/src/language/model/a.ts', code: 'export const f = fetch("x");\n', allowed: false },
  // syntax <- model <- features.
  { file: 'server/src/language/syntax/a.ts', code: imp('../model/workspaceIndex'), allowed: false },
  { file: 'server/src/language/syntax/a.ts', code: imp('../features/hover'), allowed: false },
  { file: 'server/src/language/model/a.ts', code: imp('../features/hover'), allowed: false },
  { file: 'server/src/language/model/a.ts', code: imp('../features/diagnostics/codes'), allowed: false },
  { file: 'server/src/language/model/a.ts', code: imp('../syntax/parser'), allowed: true },
  { file: 'server/src/language/facts/a.ts', code: imp('../model/workspaceIndex'), allowed: false },
  { file: 'server/src/language/syntax/a.ts', code: imp('../facts/databricksFunctions'), allowed: false },
  { file: 'server/src/language/features/a.ts', code: imp('../model/workspaceIndex'), allowed: true },
  { file: 'server/src/language/features/a.ts', code: imp('../model/catalogProvider'), allowed: true },
  // Only lsp/ knows the protocol library; only catalog/ touches the network.
  { file: 'server/src/engine/a.ts', code: imp('vscode-languageserver'), allowed: false },
  { file: 'server/src/lsp/a.ts', code: imp('vscode-languageserver/node'), allowed: true },
  { file: 'server/src/cli/a.ts', code: imp('node:https'), allowed: false },
  { file: 'server/src/lsp/a.ts', code: 'export const f = fetch("x");\n', allowed: false },
  { file: 'server/src/catalog/a.ts', code: 'export const f = fetch("x");\n', allowed: true },
  { file: 'server/src/catalog/a.ts', code: imp('node:https'), allowed: true },
  // Only client/ imports vscode; the client reaches the server through protocol/ only, and no workspace over HTTP.
  { file: 'server/src/cli/a.ts', code: imp('vscode'), allowed: false },
  { file: 'protocol/src/a.ts', code: imp('vscode'), allowed: false },
  { file: 'client/src/a.ts', code: imp('vscode'), allowed: true },
  { file: 'client/src/a.ts', code: imp('../../server/src/language/syntax/parser'), allowed: false },
  { file: 'client/src/a.ts', code: imp('../../protocol/src/lineageGraph'), allowed: true },
  { file: 'client/src/a.ts', code: imp('node:http'), allowed: false },
  { file: 'client/src/a.ts', code: 'export const f = fetch("x");\n', allowed: false },
  // Nothing in the product imports test/.
  { file: 'server/src/engine/a.ts', code: imp('../../../test/support/lspSession'), allowed: false },
  { file: 'client/src/a.ts', code: imp('../../test/e2e/standIn/x'), allowed: false },
];

describe('layering rules (eslint.layering.mjs)', () => {
  for (const c of CASES) {
    test(`${c.allowed ? 'allows' : 'forbids'} in ${c.file}: ${c.code.split('\n')[0]}`, async () => {
      const { ESLint } = (await import('eslint')) as typeof import('eslint');
      const tseslint = (await import('typescript-eslint')).default;
      const { layering } = (await import(pathToFileURL(resolve(root, 'eslint.layering.mjs')).href)) as {
        layering: import('eslint').Linter.Config[];
      };
      const eslint = new ESLint({
        cwd: root,
        overrideConfigFile: true,
        overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layering],
      });
      const [result] = await eslint.lintText(c.code, { filePath: resolve(root, c.file) });
      const layeringMessages = result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals');
      const fatal = result.messages.filter((m) => m.fatal);
      assert.deepEqual(fatal, [], 'the sample must parse');
      if (c.allowed)
        assert.deepEqual(
          layeringMessages.map((m) => m.message),
          [],
        );
      else assert.ok(layeringMessages.length > 0, 'the layering rules must report this import');
    });
  }
});
