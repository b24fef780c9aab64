// The dependency direction of ARCHITECTURE.md as lint rules, so a forbidden
// import fails `npm run lint` at the line that adds it. Kept apart from
// eslint.config.mjs so a test can lint sample code against exactly these rules.
const nodeIo = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'child_process',
  'worker_threads',
  'timers',
  'os',
  'tls',
  'dns',
];
const nodeNet = ['net', 'http', 'https', 'http2', 'dgram', 'tls'];
const withNodePrefix = (names) => names.flatMap((n) => [n, `node:${n}`]);

const vscodeOnlyInClient = { name: 'vscode', message: 'Only client/ imports vscode.' };
const noTestImports = { group: ['**/test/**', '../test/*'], message: 'Nothing in the product imports test/.' };
const lspOnly = {
  group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-protocol', 'vscode-languageserver-protocol/*'],
  message: 'Inside the server only lsp/ knows the protocol library.',
};
const networkOnlyInCatalog = (why) => withNodePrefix(nodeNet).map((name) => ({ name, message: why }));

const restrict = (paths, patterns) => ['error', { paths, patterns }];

/** @type {import('eslint').Linter.Config[]} */
export const layering = [
  {
    // The whole server (catalog/ and lsp/ are loosened below).
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [vscodeOnlyInClient, ...networkOnlyInCatalog('In the server only catalog/ touches the network.')],
        [lspOnly, noTestImports],
      ),
      'no-restricted-globals': ['error', { name: 'fetch', message: 'In the server only catalog/ touches the network.' }],
    },
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [vscodeOnlyInClient, ...networkOnlyInCatalog('In the server only catalog/ touches the network.')],
        [noTestImports],
      ),
    },
  },
  {
    files: ['server/src/catalog/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([vscodeOnlyInClient], [lspOnly, noTestImports]),
      'no-restricted-globals': 'off',
    },
  },
  { files: ['server/src/language/**/*.ts'], rules: languageRules() },
  ...layerBelow(
    'server/src/language/syntax/**/*.ts',
    ['**/model/*', '**/features/**', '**/facts/*'],
    'syntax/ is the bottom layer: it imports neither model/, features/ nor facts/.',
  ),
  ...layerBelow(
    'server/src/language/facts/**/*.ts',
    ['**/model/*', '**/features/**'],
    'facts/ is data: it imports neither model/ nor features/.',
  ),
  ...layerBelow('server/src/language/model/**/*.ts', ['**/features/**'], 'model/ sits below features/: it never imports a feature.'),
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        withNodePrefix(['net', 'http', 'https', 'http2']).map((name) => ({
          name,
          message: 'The client reaches a workspace only through the Databricks CLI.',
        })),
        [noTestImports, { group: ['**/server/**'], message: 'The client reaches the server only through protocol/ and LSP.' }],
      ),
      'no-restricted-globals': ['error', { name: 'fetch', message: 'The client reaches a workspace only through the Databricks CLI.' }],
    },
  },
  {
    files: ['protocol/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [vscodeOnlyInClient],
        [noTestImports, { group: ['**/server/**', '**/client/**'], message: 'protocol/ is dependency-free.' }],
      ),
    },
  },
];

/** The language core is pure: no I/O, no timers, no network, no protocol, no engine runtime. */
function languageRules(extraPatterns = []) {
  return {
    'no-restricted-imports': restrict(
      [vscodeOnlyInClient, ...withNodePrefix(nodeIo).map((name) => ({ name, message: 'The language core is pure: no I/O.' }))],
      [
        lspOnly,
        noTestImports,
        { group: ['@duckdb/*'], message: 'The language core does not run DuckDB.' },
        {
          group: ['**/lsp/*', '**/catalog/*', '**/cli/*', '**/engine/**', '**/simulator/*', '**/files/*'],
          message: 'The language core imports nothing outside server/src/language/.',
        },
        { group: ['**/protocol/**'], message: 'The language core does not import protocol/: it returns plain data.' },
        ...extraPatterns,
      ],
    ),
    'no-restricted-globals': [
      'error',
      ...['fetch', 'setTimeout', 'setInterval', 'setImmediate'].map((name) => ({
        name,
        message: 'The language core is pure: no timers or network.',
      })),
    ],
  };
}

/** One layer of the language core: the language-wide restrictions plus the layers above it. */
function layerBelow(files, forbidden, message) {
  return [{ files: [files], rules: languageRules([{ group: forbidden, message }]) }];
}
