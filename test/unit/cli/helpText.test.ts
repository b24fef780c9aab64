// A CLI that explains itself: --version, `help <command>`, `--help` and `-h`
// on every command print one text listing every option (with its default
// where it has one), within 100 columns; and the README's command table and
// main-job paragraph name exactly the options the help lists.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandNames } from '../../../server/src/cli/main';
import { repoRoot, runCli } from './cliHarness';

const README = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** `--name` of every option line of a help text. */
function helpOptions(text: string): string[] {
  const options = text
    .split('\n')
    .filter((l) => /^ {2}--[a-z]/.test(l))
    .map((l) => /^ {2}(--[a-z-]+)/.exec(l)![1]);
  return options.filter((o) => o !== '--help');
}

/** What the README says about a command: its table row, or for `run` the main-job section. */
function readmeText(command: string): string {
  if (command === 'run') return README.slice(README.indexOf('## The main job'), README.indexOf('## Other commands'));
  const row = README.split('\n').find((l) => l.startsWith(`| \`npm run lakeflow -- ${command} `));
  assert.ok(row, `README has no row for lakeflow ${command}`);
  return row;
}

describe('lakeflow help', () => {
  test('--version prints the version of package.json', async () => {
    const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `lakeflow ${version}\n`);
    }
  });

  for (const name of commandNames()) {
    test(`${name}: help ${name}, --help and -h print the same text, every line within 100 columns`, async () => {
      const viaHelp = await runCli(['help', name]);
      assert.equal(viaHelp.code, 0, viaHelp.stderr);
      assert.match(viaHelp.stdout, new RegExp(`^usage: lakeflow ${name}\\b`));
      for (const args of [
        [name, '--help'],
        [name, '-h'],
        [name, 'some-path', '--format', 'json', '-h'],
      ]) {
        const r = await runCli(args);
        assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
        assert.equal(r.stdout, viaHelp.stdout, args.join(' '));
      }
      for (const line of viaHelp.stdout.split('\n')) assert.ok(line.length <= 100, `wider than 100 columns: ${line}`);
      assert.ok(helpOptions(viaHelp.stdout).length > 0);
    });

    test(`${name}: the README names exactly the options the help lists`, async () => {
      const help = helpOptions((await runCli(['help', name])).stdout);
      const readme = [...new Set([...readmeText(name).matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]))].filter((o) => o !== '--');
      assert.deepEqual([...readme].sort(), [...help].sort());
    });
  }

  test('the overview lists every command, help and --version; an unknown command in help fails with exit 2', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const name of [...commandNames(), 'help', '--version']) assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'));
    const unknown = await runCli(['help', 'nope']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, `lakeflow help: unknown command 'nope' (commands: ${commandNames().join(', ')})\n`);
  });

  test('options with a default show it', async () => {
    // Wrapped lines joined again: the text of each option as one line.
    const flat = async (name: string) => (await runCli(['help', name])).stdout.replace(/\s+/g, ' ');
    const run = await flat('run');
    assert.match(run, / --events N simulated IoT events: [^[]*\[default: 100000 on the first run, none later\]/);
    assert.match(run, / --db FILE [^[]*\[default: \.lakeflow\/lakehouse\.duckdb\]/);
    assert.match(run, / --full-refresh recompute every table from all landing data --refresh/);
    assert.match(await flat('preview'), / --limit N rows to show, 0 to 100000 \[default: 100\]/);
    assert.match(await flat('simulate'), / --days D length of the window in days \[default: 7\]/);
  });
});
