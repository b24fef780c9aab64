// The disk cache is read back from a file anyone could have edited or truncated:
// every value is checked against the shape its key promises before it is served.
import {
  CatalogFunctionInfo,
  CatalogInfo,
  ColumnInfo,
  FunctionParameterInfo,
  SchemaInfo,
  TableInfo,
  TableSummary,
  VolumeInfo,
} from '../language/model/catalogProvider';

export type CacheKeyKind = 'catalogs' | 'schemas' | 'tables' | 'table' | 'volumes' | 'volume' | 'functions' | 'case';

export const CACHE_KEY_KINDS: readonly CacheKeyKind[] = [
  'catalogs',
  'schemas',
  'tables',
  'table',
  'volumes',
  'volume',
  'functions',
  'case',
];

const guards: Record<CacheKeyKind, (value: unknown) => boolean> = {
  catalogs: (v) => isArrayOf(v, isCatalog),
  schemas: (v) => isArrayOf(v, isSchema),
  tables: (v) => isArrayOf(v, isTableSummary),
  table: (v) => v === null || isTable(v),
  volumes: (v) => isArrayOf(v, isVolume),
  volume: (v) => v === null || isVolume(v),
  functions: (v) => isArrayOf(v, isFunction),
  // How the host compares names, once its answers have shown it.
  case: (v) => v === 'insensitive' || v === 'sensitive',
};

export function isCachedValue(kind: CacheKeyKind, value: unknown): boolean {
  return guards[kind](value);
}

function isCatalog(v: unknown): v is CatalogInfo {
  return hasStrings(v, ['name']) && optionalString(v, 'comment');
}

function isSchema(v: unknown): v is SchemaInfo {
  return hasStrings(v, ['name', 'catalogName', 'fullName']) && optionalString(v, 'comment');
}

function isTableSummary(v: unknown): v is TableSummary {
  return hasStrings(v, ['name', 'catalogName', 'schemaName', 'fullName', 'tableType']) && optionalString(v, 'comment');
}

function isTable(v: unknown): v is TableInfo {
  return isTableSummary(v) && isArrayOf((v as unknown as Record<string, unknown>).columns, isColumn);
}

function isVolume(v: unknown): v is VolumeInfo {
  return (
    hasStrings(v, ['name', 'catalogName', 'schemaName', 'fullName', 'volumeType']) &&
    optionalString(v, 'comment') &&
    optionalString(v, 'storageLocation')
  );
}

function isFunction(v: unknown): v is CatalogFunctionInfo {
  if (!hasStrings(v, ['name', 'catalogName', 'schemaName', 'fullName', 'returns']) || !optionalString(v, 'comment')) return false;
  return isArrayOf(v.parameters, isParameter);
}

function isParameter(v: unknown): v is FunctionParameterInfo {
  return hasStrings(v, ['name', 'typeText']) && optionalString(v, 'comment') && optionalString(v, 'defaultValue');
}

function isColumn(v: unknown): v is ColumnInfo {
  if (!hasStrings(v, ['name', 'typeText', 'typeName']) || !optionalString(v, 'comment')) return false;
  return Number.isInteger(v.position) && typeof v.nullable === 'boolean';
}

function isArrayOf(v: unknown, item: (x: unknown) => boolean): boolean {
  return Array.isArray(v) && v.every(item);
}

function hasStrings(v: unknown, keys: readonly string[]): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && keys.every((k) => typeof (v as Record<string, unknown>)[k] === 'string');
}

function optionalString(v: Record<string, unknown>, key: string): boolean {
  return v[key] === undefined || typeof v[key] === 'string';
}
