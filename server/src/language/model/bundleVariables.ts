// `${...}` interpolation in bundle values: `${var.x}` from variable defaults and
// target overrides, `${bundle.name}`, `${bundle.target}`. Anything else
// (`${workspace.current_user.userName}`, `${resources...}`) is only known at
// deploy time and stays as written.
export interface Interpolated {
  value: string;
  /** Names of `${var.x}` references with no such variable. */
  unknownVariables: string[];
  /** True when references remain that only deploy time resolves. */
  dynamic: boolean;
}

const reference = /\$\{([A-Za-z0-9_.\-[\]]+)\}/g;

export function interpolate(
  text: string,
  variables: ReadonlyMap<string, string | undefined>,
  bundle: { name?: string; target?: string },
): Interpolated {
  const unknownVariables: string[] = [];
  let dynamic = false;
  let value = text;
  // Variables may refer to variables; a few rounds settle any sane chain and stop loops.
  for (let round = 0; round < 5 && value.includes('${'); round++) {
    let changed = false;
    value = value.replace(reference, (whole, path: string) => {
      if (path.startsWith('var.')) {
        const name = path.slice(4);
        if (!variables.has(name)) {
          if (round === 0) unknownVariables.push(name);
          return whole;
        }
        const v = variables.get(name);
        if (v === undefined) return whole;
        changed = true;
        return v;
      }
      if (path === 'bundle.name' && bundle.name !== undefined) return ((changed = true), bundle.name);
      if (path === 'bundle.target' && bundle.target !== undefined) return ((changed = true), bundle.target);
      return whole;
    });
    if (!changed) break;
  }
  reference.lastIndex = 0;
  if (/\$\{[^}]*\}/.test(value)) dynamic = true;
  return { value, unknownVariables, dynamic };
}
