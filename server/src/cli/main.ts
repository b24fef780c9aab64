// Entry of the `lakeflow` command. Each subcommand lives in its own module and
// is registered here once; the table is the single place that names them.
import { checkCommand } from './checkCommand';
import { CliIo, processIo, UsageError } from './io';
import { lineageCommand } from './lineageCommand';
import { previewCommand } from './previewCommand';
import { runCommand } from './runCommand';
import { simulateCommand } from './simulateCommand';

export interface Subcommand {
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const subcommands: Record<string, Subcommand> = {
  simulate: simulateCommand,
  check: checkCommand,
  lineage: lineageCommand,
  run: runCommand,
  preview: previewCommand,
};

function usage(): string {
  const lines = Object.entries(subcommands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['usage: lakeflow <command> [options]', '', 'commands:', ...lines].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = subcommands[name];
  if (!command) {
    io.err(`lakeflow: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`lakeflow ${name}: ${e.message}\n`);
      return 2;
    }
    io.err(`lakeflow ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

export function runFromProcess(): void {
  main(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`lakeflow: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) runFromProcess();
