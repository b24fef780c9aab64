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

/** What the CLI prints fits this many columns. */
export const WIDTH = 100;

/** Words of `text` in lines of at most `width` columns, continuation lines indented by `indent`. */
export function wrap(text: string, width = WIDTH, indent = '    '): string[] {
  const lines: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = '';
  for (const word of text.slice(lead.length).split(/ +/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = lead + indent + word;
    } else line = line ? `${line} ${word}` : lead + word;
  }
  if (line) lines.push(line);
  // A single word longer than the width (a long path) is cut, never left to overflow.
  return lines.map((l) => (l.length > width ? l.slice(0, width - 1) + '…' : l));
}

export function formatHelp(name: string, help: CommandHelp): string {
  const width = Math.max(...help.options.map((o) => o.flag.length), '--help, -h'.length);
  const hanging = ' '.repeat(width + 4);
  const option = (flag: string, text: string) =>
    wrap(text, WIDTH - hanging.length, '').map((l, i) => (i === 0 ? `  ${flag.padEnd(width)}  ` : hanging) + l);
  const lines = [...wrap(`usage: ${help.usage}`, WIDTH, '         '), '', ...wrap(help.description, WIDTH, ''), ''];
  if (help.options.length > 0) {
    lines.push('options:');
    for (const o of help.options) lines.push(...option(o.flag, `${o.text}${o.default !== undefined ? ` [default: ${o.default}]` : ''}`));
    lines.push(...option('--help, -h', `this text (also: lakeflow help ${name})`));
  }
  return lines.join('\n') + '\n';
}

/** The long option names a command accepts, as its help lists them. */
export const optionNames = (help: CommandHelp): string[] => help.options.map((o) => o.flag.split(/[ =]/)[0]);
