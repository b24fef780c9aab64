// Minimal option parsing shared by the subcommands: positional paths plus
// `--name value` / `--name=value` options from a fixed list.
import { UsageError } from './io';

export interface ParsedArgs {
  paths: string[];
  options: Map<string, string>;
}

export function parseArgs(args: string[], valued: readonly string[]): ParsedArgs {
  const paths: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      paths.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (!valued.includes(name)) throw new UsageError(`unknown option '--${name}'`);
    const value = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (value === undefined || value === '') throw new UsageError(`option '--${name}' needs a value`);
    options.set(name, value);
  }
  return { paths, options };
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')}`);
}
