// Checks the answers of the Unity Catalog REST API (ListCatalogsResponse,
// ListSchemasResponse, ListTablesResponse, TableInfo, ColumnInfo, VolumeInfo,
// FunctionInfo) and turns them
// into the language layer's plain types. A wrong shape is reported as a string,
// never trusted: the caller turns it into the 'malformed' state.
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

export interface Page<T> {
  readonly items: readonly T[];
  /** Absent (or empty) on the last page. */
  readonly nextPageToken?: string;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

type Raw = Record<string, unknown>;

export const parseCatalogsPage = (body: unknown) => parsePage(body, 'catalogs', parseCatalog);
export const parseSchemasPage = (body: unknown) => parsePage(body, 'schemas', parseSchema);
export const parseTablesPage = (body: unknown) => parsePage(body, 'tables', parseTableSummary);
export const parseVolumesPage = (body: unknown) => parsePage(body, 'volumes', parseVolume);
export const parseFunctionsPage = (body: unknown) => parsePage(body, 'functions', parseFunction);

export function parseVolume(raw: unknown): Checked<VolumeInfo> {
  if (!isRecord(raw) || !isName(raw.name) || !isName(raw.catalog_name) || !isName(raw.schema_name)) {
    return problem('a VolumeInfo has no name, catalog_name or schema_name');
  }
  for (const key of ['volume_type', 'storage_location', 'full_name'] as const) {
    if (raw[key] !== undefined && raw[key] !== null && typeof raw[key] !== 'string') return problem(`VolumeInfo.${key} is not a string`);
  }
  const fullName = optionalString(raw.full_name) ?? `${raw.catalog_name}.${raw.schema_name}.${raw.name}`;
  const storageLocation = optionalString(raw.storage_location);
  const value: VolumeInfo = {
    name: raw.name,
    catalogName: raw.catalog_name,
    schemaName: raw.schema_name,
    fullName,
    volumeType: optionalString(raw.volume_type) ?? '',
    ...(storageLocation ? { storageLocation } : {}),
  };
  return { ok: true, value: withComment(value, raw) };
}

function parseFunction(raw: unknown): Checked<CatalogFunctionInfo> {
  if (!isRecord(raw) || !isName(raw.name) || !isName(raw.catalog_name) || !isName(raw.schema_name)) {
    return problem('a FunctionInfo has no name, catalog_name or schema_name');
  }
  const input = raw.input_params;
  const list = isRecord(input) ? input.parameters : undefined;
  if (list !== undefined && list !== null && !Array.isArray(list)) return problem('FunctionInfo.input_params.parameters is not an array');
  const parameters: (FunctionParameterInfo & { position: number })[] = [];
  for (const [index, item] of ((list as unknown[] | undefined) ?? []).entries()) {
    if (!isRecord(item) || !isName(item.name)) return problem('a FunctionParameterInfo has no name');
    const parameter = withComment(
      { name: item.name, typeText: optionalString(item.type_text) ?? optionalString(item.type_name)?.toLowerCase() ?? '' },
      item,
    );
    const defaultValue = optionalString(item.parameter_default);
    parameters.push({
      ...parameter,
      ...(defaultValue ? { defaultValue } : {}),
      position: Number.isInteger(item.position) ? (item.position as number) : index,
    });
  }
  parameters.sort((a, b) => a.position - b.position);
  const fullName = optionalString(raw.full_name) ?? `${raw.catalog_name}.${raw.schema_name}.${raw.name}`;
  const returns = optionalString(raw.full_data_type) ?? optionalString(raw.data_type) ?? '';
  const value: CatalogFunctionInfo = {
    name: raw.name,
    catalogName: raw.catalog_name,
    schemaName: raw.schema_name,
    fullName,
    parameters: parameters.map(({ position: _, ...p }) => p),
    returns,
  };
  return { ok: true, value: withComment(value, raw) };
}

export function parseTable(body: unknown): Checked<TableInfo> {
  const summary = parseTableSummary(body);
  if (!summary.ok) return summary;
  const raw = body as Raw;
  if (raw.columns !== undefined && raw.columns !== null && !Array.isArray(raw.columns)) return problem('TableInfo.columns is not an array');
  const columns: ColumnInfo[] = [];
  for (const [index, item] of ((raw.columns as unknown[] | undefined) ?? []).entries()) {
    const column = parseColumn(item, index);
    if (!column.ok) return column;
    columns.push(column.value);
  }
  columns.sort((a, b) => a.position - b.position);
  return { ok: true, value: { ...summary.value, columns } };
}

function parsePage<T>(body: unknown, key: string, parseItem: (raw: unknown) => Checked<T>): Checked<Page<T>> {
  if (!isRecord(body)) return problem(`the ${key} answer is not a JSON object`);
  const list = body[key];
  if (list !== undefined && list !== null && !Array.isArray(list)) return problem(`'${key}' is not an array`);
  const token = body.next_page_token;
  if (token !== undefined && token !== null && typeof token !== 'string') return problem('next_page_token is not a string');
  const items: T[] = [];
  for (const raw of (list as unknown[] | undefined) ?? []) {
    const item = parseItem(raw);
    if (!item.ok) return item;
    items.push(item.value);
  }
  return { ok: true, value: { items, nextPageToken: typeof token === 'string' && token !== '' ? token : undefined } };
}

function parseCatalog(raw: unknown): Checked<CatalogInfo> {
  if (!isRecord(raw) || !isName(raw.name)) return problem('a CatalogInfo has no name');
  return { ok: true, value: withComment({ name: raw.name }, raw) };
}

function parseSchema(raw: unknown): Checked<SchemaInfo> {
  if (!isRecord(raw) || !isName(raw.name) || !isName(raw.catalog_name)) return problem('a SchemaInfo has no name or catalog_name');
  const fullName = optionalString(raw.full_name) ?? `${raw.catalog_name}.${raw.name}`;
  return { ok: true, value: withComment({ name: raw.name, catalogName: raw.catalog_name, fullName }, raw) };
}

function parseTableSummary(raw: unknown): Checked<TableSummary> {
  if (!isRecord(raw) || !isName(raw.name) || !isName(raw.catalog_name) || !isName(raw.schema_name)) {
    return problem('a TableInfo has no name, catalog_name or schema_name');
  }
  if (raw.table_type !== undefined && typeof raw.table_type !== 'string') return problem('TableInfo.table_type is not a string');
  const fullName = optionalString(raw.full_name) ?? `${raw.catalog_name}.${raw.schema_name}.${raw.name}`;
  const tableType = optionalString(raw.table_type) ?? '';
  return {
    ok: true,
    value: withComment({ name: raw.name, catalogName: raw.catalog_name, schemaName: raw.schema_name, fullName, tableType }, raw),
  };
}

function parseColumn(raw: unknown, index: number): Checked<ColumnInfo> {
  if (!isRecord(raw) || !isName(raw.name)) return problem('a ColumnInfo has no name');
  for (const key of ['type_text', 'type_name', 'comment'] as const) {
    if (raw[key] !== undefined && raw[key] !== null && typeof raw[key] !== 'string') return problem(`ColumnInfo.${key} is not a string`);
  }
  if (raw.position !== undefined && raw.position !== null && !Number.isInteger(raw.position))
    return problem('ColumnInfo.position is not an integer');
  if (raw.nullable !== undefined && raw.nullable !== null && typeof raw.nullable !== 'boolean')
    return problem('ColumnInfo.nullable is not a boolean');
  const typeName = optionalString(raw.type_name) ?? '';
  return {
    ok: true,
    value: withComment(
      {
        name: raw.name,
        typeText: optionalString(raw.type_text) ?? typeName.toLowerCase(),
        typeName,
        position: typeof raw.position === 'number' ? raw.position : index,
        nullable: raw.nullable !== false,
      },
      raw,
    ),
  };
}

function withComment<T extends object>(value: T, raw: Raw): T & { comment?: string } {
  const comment = optionalString(raw.comment);
  return comment === undefined ? value : { ...value, comment };
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function problem(text: string): { ok: false; problem: string } {
  return { ok: false, problem: text };
}
