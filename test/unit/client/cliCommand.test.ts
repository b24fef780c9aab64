import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliCommands, parseUpdateUrl, RunMode, toArgv } from '../../../client/src/databricks/cliCommand';

const dev = { target: 'dev' };
const cases: [string, string[], string[]][] = [
  ['validate', toArgv(cliCommands.validateBundle(dev)), ['bundle', 'validate', '-o', 'json', '-t', 'dev']],
  [
    'validate with profile',
    toArgv(cliCommands.validateBundle({ target: 'prod', profile: 'work' })),
    ['bundle', 'validate', '-o', 'json', '-t', 'prod', '--profile', 'work'],
  ],
  ['validate without target', toArgv(cliCommands.validateBundle({})), ['bundle', 'validate', '-o', 'json']],
  ['deploy', toArgv(cliCommands.deployBundle(dev)), ['bundle', 'deploy', '-t', 'dev']],
  ['destroy (confirmed in VS Code)', toArgv(cliCommands.destroyBundle(dev)), ['bundle', 'destroy', '--auto-approve', '-t', 'dev']],
  ['summary', toArgv(cliCommands.summary(dev)), ['bundle', 'summary', '-o', 'json', '-t', 'dev']],
  [
    'get-update',
    toArgv(cliCommands.getUpdate('p1', 'u1', 'work')),
    ['pipelines', 'get-update', 'p1', 'u1', '-o', 'json', '--profile', 'work'],
  ],
  [
    'events (raw API through `api get`, details kept)',
    toArgv(cliCommands.pipelineEvents('p1', { maxResults: 100 })),
    ['api', 'get', '/api/2.0/pipelines/p1/events?max_results=100', '-o', 'json'],
  ],
  [
    'events since, with a profile',
    toArgv(cliCommands.pipelineEvents('p1', { maxResults: 50, since: '2026-01-01T10:00:00.000Z' }, 'work')),
    [
      'api',
      'get',
      '/api/2.0/pipelines/p1/events?max_results=50&filter=timestamp%20%3E%3D%20%272026-01-01T10%3A00%3A00.000Z%27',
      '-o',
      'json',
      '--profile',
      'work',
    ],
  ],
  [
    'next page: the token alone (the API refuses a filter next to it)',
    toArgv(cliCommands.pipelineEvents('p/1', { maxResults: 100, since: '2026-01-01T10:00:00.000Z', pageToken: 'tok+/=' })),
    ['api', 'get', '/api/2.0/pipelines/p%2F1/events?max_results=100&page_token=tok%2B%2F%3D', '-o', 'json'],
  ],
  ['stop', toArgv(cliCommands.stopPipeline('p1')), ['pipelines', 'stop', 'p1', '--no-wait']],
];

for (const [name, actual, expected] of cases) {
  test(`argv: ${name}`, () => assert.deepEqual(actual, expected));
}

const modes: [RunMode, string[]][] = [
  [{ kind: 'update' }, []],
  [{ kind: 'fullRefreshAll' }, ['--full-refresh-all']],
  [{ kind: 'validateOnly' }, ['--validate-only']],
  [{ kind: 'refresh', tables: ['a', 'b'] }, ['--refresh', 'a,b']],
  [{ kind: 'fullRefresh', tables: ['a'] }, ['--full-refresh', 'a']],
  [{ kind: 'fullRefresh', tables: [] }, ['--full-refresh-all']],
];
for (const [mode, flags] of modes) {
  test(`bundle run flags for ${JSON.stringify(mode)}`, () => {
    assert.deepEqual(toArgv(cliCommands.runPipeline({ target: 'dev', profile: 'p' }, 'iot', mode)), [
      'bundle',
      'run',
      'iot',
      '--no-wait',
      ...flags,
      '-t',
      'dev',
      '--profile',
      'p',
    ]);
  });
}

test('a hostile table name stays one argument', () => {
  const argv = toArgv(cliCommands.runPipeline(dev, 'iot', { kind: 'refresh', tables: ['x; rm -rf /'] }));
  assert.equal(argv[argv.indexOf('--refresh') + 1], 'x; rm -rf /');
});

test('parses the update URL that bundle run logs', () => {
  const out = 'Update URL: https://adb-1.azuredatabricks.net/#joblist/pipelines/4f1e-aa/updates/9b2c-bb\n';
  assert.deepEqual(parseUpdateUrl(out), {
    url: 'https://adb-1.azuredatabricks.net/#joblist/pipelines/4f1e-aa/updates/9b2c-bb',
    pipelineId: '4f1e-aa',
    updateId: '9b2c-bb',
  });
  assert.equal(parseUpdateUrl('Run URL: https://x/#job/1/run/2'), undefined);
});
