// `--map PREFIX=DIR` (repeatable) for `run` and `simulate --from-schema`:
// taken out of the argument list before the one-value-per-option parser sees
// it; each DIR is resolved against the working directory.
import { isAbsolute, resolve } from 'node:path';
import { parseMapping, PathMapping } from '../engine/pathMap';
import { UsageError } from './io';

export function takePathMappings(args: string[], cwd: string): { rest: string[]; mappings: PathMapping[] } {
  const rest: string[] = [];
  const mappings: PathMapping[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let value: string | undefined;
    if (a === '--map') value = args[++i];
    else if (a.startsWith('--map=')) value = a.slice('--map='.length);
    else {
      rest.push(a);
      continue;
    }
    if (value === undefined) throw new UsageError(`option '--map' needs a value PREFIX=DIR`);
    const m = parseMapping(value);
    if ('error' in m) throw new UsageError(m.error);
    mappings.push({ prefix: m.prefix, dir: isAbsolute(m.dir) ? m.dir : resolve(cwd, m.dir) });
  }
  return { rest, mappings };
}
