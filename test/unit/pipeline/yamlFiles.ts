// YAML loading for the bundle tests through the product's reader (the one the
// bundle loader uses), every parse error as `file:line:col: message`, so a
// broken file names its position.
import { readFileSync } from 'node:fs';
import { YamlSource } from '../../../server/src/language/model/yamlSource';

export type YamlValue = null | boolean | number | string | YamlValue[] | { [key: string]: YamlValue };
export type YamlMap = { [key: string]: YamlValue };

export interface LoadedYaml {
  path: string;
  text: string;
  value: YamlValue;
  errors: string[];
}

export function loadYaml(path: string): LoadedYaml {
  const text = readFileSync(path, 'utf8');
  const source = new YamlSource(path, text);
  const errors = source
    .errors()
    .map((e) => `${path}:${e.location.range.start.line + 1}:${e.location.range.start.character + 1}: ${e.message}`);
  return { path, text, value: errors.length ? null : (source.doc.toJS() as YamlValue), errors };
}

export function isMap(value: YamlValue | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The map at a key path, or an empty map when any step is missing or not a map. */
export function mapAt(value: YamlValue | undefined, ...keys: string[]): YamlMap {
  let current: YamlValue | undefined = value;
  for (const key of keys) current = isMap(current) ? current[key] : undefined;
  return isMap(current) ? current : {};
}

export function listAt(value: YamlValue | undefined, ...keys: string[]): YamlValue[] {
  const last = keys.pop();
  const parent = mapAt(value, ...keys);
  const list = last === undefined ? undefined : parent[last];
  return Array.isArray(list) ? list : [];
}

/** Every string scalar in a value, depth first. */
export function allStrings(value: YamlValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (isMap(value)) return Object.entries(value).flatMap(([k, v]) => [k, ...allStrings(v)]);
  return [];
}
