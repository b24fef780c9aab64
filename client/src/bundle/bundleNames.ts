// Bundle substitutions in the names the views show: `iot-lakehouse-${bundle.target}`
// reads `iot-lakehouse-dev` for the selected target. Only what the bundle itself
// fixes is replaced (bundle name and target, variables with a plain value for
// that target or a default); anything else (`${workspace.current_user...}`,
// lookups) stays as written. Pure.
import type { BundleTarget } from './bundleConfig';

export interface NameContext {
  bundleName: string;
  target?: BundleTarget;
  variables: Record<string, string>;
}

export function resolveBundleText(text: string, ctx: NameContext): string {
  const values: Record<string, string | undefined> = { 'bundle.name': ctx.bundleName, 'bundle.target': ctx.target?.name };
  return text.replace(/\$\{([\w.-]+)\}/g, (whole, key: string) => {
    if (key in values) return values[key] ?? whole;
    const variable = /^var\.([\w-]+)$/.exec(key)?.[1];
    if (!variable) return whole;
    const value = ctx.target?.variables?.[variable] ?? ctx.variables[variable];
    // A variable whose value itself refers to something (`${workspace...}`) is resolved once more.
    return value === undefined ? whole : value.includes('${') && !value.includes(whole) ? resolveBundleText(value, ctx) : value;
  });
}
