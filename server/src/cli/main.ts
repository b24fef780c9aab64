// Entry of the `lakeflow` command. Each subcommand lives in its own module and
// is registered here once; the table is the single place that names them.
import { checkCommand } from './checkCommand';
import { CommandHelp, formatHelp, HELP_FLAGS, TOOL_VERSION } from './help';
import { CliIo, processIo, UsageError } from './io';
import { lineageCommand } from './lineageCommand';
import { previewCommand } from './previewCommand';
import { runCommand } from './runCommand';
import { simulateCommand } from './simulateCommand';

export interface Subcommand {
  summary: string;
  help: CommandHelp;
  run(args: string[], io: CliIo): Promise<number>;
}

const subcommands: Record<string, Subcommand> = {
  simulate: simulateCommand,
  check: checkCommand,
  lineage: lineageCommand,
  run: runCommand,
  preview: previewCommand,
};

/** The command names, in the order help lists them. */
export const commandNames = (): string[] => Object.keys(subcommands);

/** `lakeflow help <command>`'s text, or undefined for an unknown command. */
export function commandHelp(name: string): string | undefined {
  const command = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  return command && formatHelp(name, command.help);
}

function usage(): string {
  const lines = Object.entries(subcommands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    'usage: lakeflow <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    `  ${'help'.padEnd(10)} lakeflow help <command>: every option of a command with its default (also <command> --help, -h)`,
    `  ${'--version'.padEnd(10)} print the version (${TOOL_VERSION})`,
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`lakeflow ${TOOL_VERSION}\n`);
    return 0;
  }
  if (name === 'help' && rest.length > 0) {
    const text = commandHelp(rest[0]);
    if (!text) {
      io.err(`lakeflow help: unknown command '${rest[0]}' (commands: ${commandNames().join(', ')})\n`);
      return 2;
    }
    io.out(text);
    return 0;
  }
  if (!name || HELP_FLAGS.includes(name) || name === 'help') {
    if (name) io.out(usage() + '\n');
    else io.err(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!command) {
    io.err(`lakeflow: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  if (rest.some((a) => HELP_FLAGS.includes(a))) {
    io.out(formatHelp(name, command.help));
    return 0;
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

/**
 * Ctrl-C aborts the command's signal: it stops cleanly and says what state it
 * left. A second Ctrl-C exits at once (130), as a shell user expects.
 */
function interruptible(io: CliIo): CliIo {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping (Ctrl-C again to quit at once)...\n');
    controller.abort();
  });
  return { ...io, signal: controller.signal };
}

export function runFromProcess(): void {
  main(process.argv.slice(2), interruptible(processIo)).then(
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
