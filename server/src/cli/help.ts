// The help text of every `lakeflow` command, built from one description per
// command (usage line, what it does, each option with its default), so
// `lakeflow help <command>`, `<command> --help` and `-h` print the same text
// and a test can hold the README's command table to it.
export interface OptionHelp {
  /** `--events N`, `--full-refresh`. */
  flag: string;
  text: string;
  /** Printed as `(default: ...)`; absent for switches and options without one. */
  default?: string;
}

export interface CommandHelp {
  usage: string;
  description: string;
  options: OptionHelp[];
}

/** The version `lakeflow --version` prints (package.json's, checked by a test). */
export const TOOL_VERSION = '0.1.0';

export const HELP_FLAGS = ['--help', '-h'];

export function formatHelp(name: string, help: CommandHelp): string {
  const width = Math.max(...help.options.map((o) => o.flag.length), 0);
  const lines = [`usage: ${help.usage}`, '', help.description, ''];
  if (help.options.length > 0) {
    lines.push('options:');
    for (const o of help.options) lines.push(`  ${o.flag.padEnd(width)}  ${o.text}${o.default !== undefined ? ` (default: ${o.default})` : ''}`);
    lines.push(`  ${'--help, -h'.padEnd(width)}  this text (also: lakeflow help ${name})`);
  }
  return lines.join('\n') + '\n';
}

/** The long option names a command accepts, as its help lists them. */
export const optionNames = (help: CommandHelp): string[] => help.options.map((o) => o.flag.split(/[ =]/)[0]);
