// A stand-in for a Unity Catalog server, started by tests on 127.0.0.1 with an
// ephemeral port. It replays one of two recorded profiles
// (test/fixtures/unity-catalog/<profile>/profile.json, each field naming its
// source): `databricks`, a workspace as Databricks' API documentation describes
// it (names ignore case and are stored in lower case, opaque page tokens, pages
// that may be empty yet carry a token, `*_DOES_NOT_EXIST` errors), and `oss`, the
// open-source server v0.6.0 as measured (names compared exactly, pages of at most
// 100 whose token is the last name, a full last page followed by an empty one,
// tables without full_name, `omit_columns` giving `"columns": []`, `*_NOT_FOUND`
// errors with google.rpc.ErrorInfo details). It answers GET
// /api/2.1/unity-catalog/{catalogs,schemas,tables,tables/{full_name},volumes,
// volumes/{full_name},functions} in the shapes of the Unity Catalog OpenAPI, and
// scripted faults: status codes, Retry-After, slow answers, malformed JSON, huge
// bodies and listings that never end.
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

const API = '/api/2.1/unity-catalog';

export type Raw = Record<string, unknown>;

export type StandInProfileName = 'databricks' | 'oss';
export const STAND_IN_PROFILES: readonly StandInProfileName[] = ['databricks', 'oss'];

type ErrorKind = 'catalog' | 'schema' | 'table' | 'volume' | 'function' | 'unauthenticated';

/** One recorded server behaviour (see the fixture files for where each field comes from). */
export interface StandInProfile {
  readonly profile: StandInProfileName;
  readonly names: 'case-insensitive' | 'case-sensitive';
  readonly pageSize: number;
  readonly pageToken: 'opaque' | 'last-name';
  readonly emptyPageAfterFullLastPage: boolean;
  readonly fullName: Readonly<Record<'schemas' | 'tables' | 'volumes' | 'functions', boolean>>;
  readonly omitColumns: 'absent' | 'empty-array';
  readonly errors: Readonly<Record<ErrorKind, { status: number; error_code: string; message: string }>>;
  readonly errorDetails?: boolean;
}

const FIXTURES = join(resolve(__dirname, '../../..'), 'test/fixtures/unity-catalog');

export function loadStandInProfile(name: StandInProfileName): StandInProfile {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'profile.json'), 'utf8')) as StandInProfile;
}

export interface StandInWorkspace {
  readonly catalogs: readonly Raw[];
  readonly schemas: readonly Raw[];
  readonly tables: readonly Raw[];
  readonly volumes?: readonly Raw[];
  readonly functions?: readonly Raw[];
}

export type StandInFault =
  | { readonly status: number; readonly body?: unknown; readonly retryAfter?: string }
  /** Answers normally, but only after this long (past the client's timeout). */
  | { readonly delayMs: number }
  /** Sends this text as the 200 body. */
  | { readonly rawBody: string }
  /** A valid but enormous listing, streamed in chunks. */
  | { readonly hugeBytes: number; readonly declareLength: boolean }
  /** A listing page with one item and a fresh next_page_token, forever. */
  | { readonly endlessPages: true; readonly sameToken?: boolean };

export interface StandInOptions {
  /** Which recorded server to answer as. Default `databricks`. */
  readonly profile?: StandInProfileName;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Server-chosen page size (what max_results=0 gets). Default: the profile's. */
  readonly pageSize?: number;
  /** Empty pages, each with a next_page_token, served before every non-empty page (opaque tokens only). */
  readonly emptyPagesBetween?: number;
  readonly workspace?: StandInWorkspace;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
}

interface ScriptedFault {
  readonly pathPrefix: string;
  readonly fault: StandInFault;
  remaining: number;
}

export class UnityCatalogStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: ScriptedFault[] = [];
  private endlessCounter = 0;
  readonly profile: StandInProfile;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: StandInOptions,
  ) {
    this.profile = loadStandInProfile(options.profile ?? 'databricks');
  }

  /** How many requests a full listing of `count` items takes (with max_results=0 and no empty pages scripted). */
  pagesFor(count: number): number {
    const size = this.pageSize;
    if (this.profile.emptyPageAfterFullLastPage) return Math.floor(count / size) + 1;
    return Math.max(1, Math.ceil(count / size));
  }

  private get pageSize(): number {
    return this.options.pageSize ?? this.profile.pageSize;
  }

  static async start(options: StandInOptions = {}): Promise<UnityCatalogStandIn> {
    let standIn: UnityCatalogStandIn | undefined;
    const server = createServer((req, res) => standIn?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new UnityCatalogStandIn(server, `http://127.0.0.1:${port}`, options);
    return standIn;
  }

  /** The next `times` requests whose path (below the API root) starts with `pathPrefix` get `fault`. */
  fault(pathPrefix: string, fault: StandInFault, times = 1): void {
    this.faults.push({ pathPrefix, fault, remaining: times });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Requests whose path below the API root starts with `pathPrefix`. */
  count(pathPrefix = '/'): number {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix)).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private get workspace(): StandInWorkspace {
    return this.options.workspace ?? sampleWorkspace();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname;
    this.requests.push({ method: req.method ?? 'GET', path, query: url.searchParams, authorization: req.headers.authorization });
    const scripted = this.faults.find((f) => f.remaining > 0 && path.startsWith(f.pathPrefix));
    if (scripted) scripted.remaining--;
    const fault = scripted?.fault;

    if (fault && 'status' in fault) {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
      return sendJson(res, fault.status, fault.body ?? errorBody(fault.status), headers);
    }
    if (fault && 'rawBody' in fault) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(fault.rawBody);
    }
    if (fault && 'hugeBytes' in fault) return streamHugeListing(res, fault.hugeBytes, fault.declareLength);
    if (fault && 'endlessPages' in fault) {
      const key = listKey(path) ?? 'catalogs';
      const token = fault.sameToken ? 'again' : `endless-${++this.endlessCounter}`;
      return sendJson(res, 200, {
        [key]: [{ name: `item_${this.endlessCounter}`, catalog_name: 'main', schema_name: 'iot' }],
        next_page_token: token,
      });
    }
    if (fault && 'delayMs' in fault) {
      const timer = setTimeout(() => this.answer(req, res, path, url.searchParams), fault.delayMs);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    this.answer(req, res, path, url.searchParams);
  }

  private answer(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
    if (this.options.token !== undefined && req.headers.authorization !== `Bearer ${this.options.token}`) {
      return this.error(res, 'unauthenticated', '');
    }
    if (req.method !== 'GET') return sendJson(res, 405, { error_code: 'BAD_REQUEST', message: 'method not allowed' });
    const ws = this.workspace;
    const same = (a: unknown, b: string | null) =>
      typeof a === 'string' && b !== null && (this.profile.names === 'case-sensitive' ? a === b : a.toLowerCase() === b.toLowerCase());
    const catalog = query.get('catalog_name');
    const schema = query.get('schema_name');
    const hasCatalog = () => ws.catalogs.some((c) => same(c.name, catalog));
    const hasSchema = () => ws.schemas.some((s) => same(s.catalog_name, catalog) && same(s.name, schema));
    /** A listing below a schema: 400 without both names, 404 for a missing catalog or schema. */
    const inSchema = (key: 'tables' | 'volumes' | 'functions', items: readonly Raw[]) => {
      if (!catalog || !schema)
        return sendJson(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'catalog_name and schema_name are required' });
      if (!hasCatalog()) return this.error(res, 'catalog', catalog);
      if (!hasSchema()) return this.error(res, 'schema', `${catalog}.${schema}`);
      return this.page(
        res,
        key,
        items.filter((t) => same(t.catalog_name, catalog) && same(t.schema_name, schema)).map((t) => this.shaped(key, t, query)),
        query,
      );
    };
    if (path === '/catalogs') return this.page(res, 'catalogs', ws.catalogs, query);
    if (path === '/schemas') {
      if (!catalog) return sendJson(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'catalog_name is required' });
      if (!hasCatalog()) return this.error(res, 'catalog', catalog);
      return this.page(
        res,
        'schemas',
        ws.schemas.filter((s) => same(s.catalog_name, catalog)).map((s) => this.shaped('schemas', s, query)),
        query,
      );
    }
    if (path === '/tables') return inSchema('tables', ws.tables);
    if (path === '/volumes') return inSchema('volumes', ws.volumes ?? []);
    if (path === '/functions') return inSchema('functions', ws.functions ?? []);
    for (const [prefix, key, kind] of [
      ['/tables/', 'tables', 'table'],
      ['/volumes/', 'volumes', 'volume'],
      ['/functions/', 'functions', 'function'],
    ] as const) {
      if (!path.startsWith(prefix)) continue;
      const fullName = decodeURIComponent(path.slice(prefix.length));
      const [c, s, n] = fullName.split('.');
      const found = (ws[key] ?? []).find((t) => same(t.catalog_name, c) && same(t.schema_name, s ?? null) && same(t.name, n ?? null));
      if (!found) return this.error(res, kind, fullName);
      return sendJson(res, 200, this.shaped(key, found, new URLSearchParams()));
    }
    sendJson(res, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No API found for 'GET ${API}${path}'` });
  }

  /** An object as this profile sends it: with or without full_name, columns omitted or emptied. */
  private shaped(key: 'schemas' | 'tables' | 'volumes' | 'functions', raw: Raw, query: URLSearchParams): Raw {
    let out = this.profile.fullName[key] ? raw : omit(raw, ['full_name']);
    if (key === 'tables') {
      if (query.get('omit_columns') === 'true')
        out = this.profile.omitColumns === 'empty-array' ? { ...out, columns: [] } : omit(out, ['columns']);
      if (query.get('omit_properties') === 'true') out = omit(out, ['properties']);
    }
    return out;
  }

  private error(res: ServerResponse, kind: ErrorKind, name: string): void {
    const e = this.profile.errors[kind];
    const body: Raw = { error_code: e.error_code, message: e.message.replace('{name}', name) };
    if (this.profile.errorDetails) body.details = [{ '@type': 'google.rpc.ErrorInfo', reason: e.error_code }];
    sendJson(res, e.status, body);
  }

  /** Pages `items` with the profile's tokens: opaque (offset, empty pages still to send) or the last name sent. */
  private page(res: ServerResponse, key: string, items: readonly Raw[], query: URLSearchParams): void {
    const maxResults = Number(query.get('max_results') ?? '0');
    if (!Number.isInteger(maxResults) || maxResults < 0) {
      return sendJson(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'max_results must be >= 0' });
    }
    const size = maxResults === 0 ? this.pageSize : Math.min(maxResults, this.pageSize);
    const token = query.get('page_token');
    if (this.profile.pageToken === 'last-name') {
      // The open-source server: items after the one named by the token; a full page always carries a token.
      const offset = token ? items.findIndex((i) => i.name === token) + 1 : 0;
      const slice = items.slice(offset, offset + size);
      const body: Raw = { [key]: slice };
      if (slice.length === size) body.next_page_token = String(slice[slice.length - 1].name);
      return sendJson(res, 200, body);
    }
    const empties = this.options.emptyPagesBetween ?? 0;
    const position = token
      ? (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: number; empties: number })
      : { offset: 0, empties };
    const encode = (p: { offset: number; empties: number }) => Buffer.from(JSON.stringify(p)).toString('base64url');
    if (position.empties > 0) {
      return sendJson(res, 200, { [key]: [], next_page_token: encode({ offset: position.offset, empties: position.empties - 1 }) });
    }
    const end = position.offset + size;
    const body: Raw = { [key]: items.slice(position.offset, end) };
    if (end < items.length) body.next_page_token = encode({ offset: end, empties });
    sendJson(res, 200, body);
  }
}

function listKey(path: string): string | undefined {
  const key = path.slice(1);
  return ['catalogs', 'schemas', 'tables', 'volumes', 'functions'].includes(key) ? key : undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function errorBody(status: number): Raw {
  const codes: Record<number, string> = {
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'NOT_FOUND',
    429: 'REQUEST_LIMIT_EXCEEDED',
    500: 'INTERNAL_ERROR',
    503: 'TEMPORARILY_UNAVAILABLE',
  };
  return { error_code: codes[status] ?? 'BAD_REQUEST', message: `stand-in fault ${status}` };
}

function omit(raw: Raw, keys: readonly string[]): Raw {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !keys.includes(k)));
}

function streamHugeListing(res: ServerResponse, bytes: number, declareLength: boolean): void {
  const item = JSON.stringify({ name: 'c', comment: 'x'.repeat(1000) });
  const count = Math.ceil(bytes / (item.length + 1));
  const head = '{"catalogs":[';
  const tail = ']}';
  const total = head.length + count * item.length + (count - 1) + tail.length;
  res.writeHead(200, { 'Content-Type': 'application/json', ...(declareLength ? { 'Content-Length': String(total) } : {}) });
  let sent = 0;
  res.write(head);
  const pump = () => {
    // Write in slices and stop as soon as the client hangs up.
    while (sent < count && !res.destroyed) {
      const ok = res.write((sent > 0 ? ',' : '') + item);
      sent++;
      if (!ok) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}

export const column = (name: string, typeText: string, typeName: string, position: number, nullable = true, comment?: string): Raw => ({
  name,
  type_text: typeText,
  type_json: JSON.stringify({ name, type: typeText, nullable, metadata: comment ? { comment } : {} }),
  type_name: typeName,
  ...(typeName === 'DECIMAL' ? { type_precision: 10, type_scale: 2 } : { type_precision: 0, type_scale: 0 }),
  position,
  nullable,
  ...(comment ? { comment } : {}),
  partition_index: null,
});

export const table = (catalog: string, schema: string, name: string, tableType: string, columns: Raw[], comment?: string): Raw => ({
  name,
  catalog_name: catalog,
  schema_name: schema,
  full_name: `${catalog}.${schema}.${name}`,
  table_type: tableType,
  data_source_format: 'DELTA',
  columns,
  storage_location: `s3://lakehouse-bucket/${catalog}/${schema}/${name}`,
  ...(comment ? { comment } : {}),
  properties: { 'delta.enableChangeDataFeed': 'true' },
  owner: 'data-eng@example.com',
  created_at: 1732500000000,
  created_by: 'data-eng@example.com',
  updated_at: 1732590000000,
  updated_by: 'data-eng@example.com',
  table_id: `${name}-0000-4000-8000-000000000000`,
});

export const volume = (
  catalog: string,
  schema: string,
  name: string,
  volumeType: string,
  storageLocation: string,
  comment?: string,
): Raw => ({
  name,
  catalog_name: catalog,
  schema_name: schema,
  full_name: `${catalog}.${schema}.${name}`,
  volume_type: volumeType,
  storage_location: storageLocation,
  ...(comment ? { comment } : {}),
  owner: 'data-eng@example.com',
  created_at: 1732500000000,
  created_by: 'data-eng@example.com',
  updated_at: 1732590000000,
  updated_by: 'data-eng@example.com',
  volume_id: `${name}-0000-4000-8000-000000000000`,
});

const parameter = (name: string, typeText: string, typeName: string, position: number, extra: Raw = {}): Raw => ({
  name,
  type_text: typeText,
  type_json: JSON.stringify({ name, type: typeText.toLowerCase(), nullable: true, metadata: {} }),
  type_name: typeName,
  position,
  parameter_mode: 'IN',
  parameter_type: 'PARAM',
  ...extra,
});

const fn = (
  catalog: string,
  schema: string,
  name: string,
  parameters: Raw[],
  returns: string,
  dataType: string,
  body: string,
  comment?: string,
): Raw => ({
  name,
  catalog_name: catalog,
  schema_name: schema,
  full_name: `${catalog}.${schema}.${name}`,
  input_params: { parameters },
  data_type: dataType,
  full_data_type: returns,
  routine_body: 'SQL',
  routine_definition: body,
  parameter_style: 'S',
  is_deterministic: true,
  sql_data_access: 'CONTAINS_SQL',
  is_null_call: false,
  security_type: 'DEFINER',
  specific_name: name,
  ...(comment ? { comment } : {}),
  owner: 'data-eng@example.com',
  created_at: 1732500000000,
  updated_at: 1732590000000,
  function_id: `${name}-0000-4000-8000-000000000000`,
});

/** A small IoT workspace, in the API's snake_case shapes. */
export function sampleWorkspace(): StandInWorkspace {
  const catalog = (name: string, comment?: string): Raw => ({
    name,
    ...(comment ? { comment } : {}),
    properties: {},
    owner: 'admins',
    created_at: 1732400000000,
    created_by: 'admins',
    updated_at: 1732400000000,
    updated_by: 'admins',
    id: `${name}-id`,
  });
  const schema = (catalogName: string, name: string, comment?: string): Raw => ({
    name,
    catalog_name: catalogName,
    ...(comment ? { comment } : {}),
    properties: {},
    full_name: `${catalogName}.${name}`,
    owner: 'admins',
    created_at: 1732400000000,
    created_by: 'admins',
    updated_at: 1732400000000,
    updated_by: 'admins',
    schema_id: `${catalogName}-${name}-id`,
  });
  return {
    catalogs: [
      catalog('main', 'Main catalog'),
      catalog('reference', 'Shared reference data'),
      catalog('samples'),
      catalog('system', 'System catalog'),
    ],
    schemas: [
      schema('main', 'default'),
      schema('main', 'iot', 'Plant telemetry'),
      schema('main', 'information_schema'),
      schema('reference', 'plants'),
      schema('samples', 'nyctaxi'),
    ],
    tables: [
      table(
        'reference',
        'plants',
        'sites',
        'MANAGED',
        [
          column('site_id', 'string', 'STRING', 0, false, 'Plant site code'),
          column('site_name', 'string', 'STRING', 1),
          column('timezone', 'string', 'STRING', 2),
        ],
        'One row per plant site',
      ),
      table('reference', 'plants', 'device_models', 'EXTERNAL', [
        column('model_id', 'string', 'STRING', 0, false),
        column('max_temperature_c', 'decimal(10,2)', 'DECIMAL', 1),
        column('specs', 'struct<voltage:double,ip_rating:string>', 'STRUCT', 2),
      ]),
      table('reference', 'plants', 'calibrations', 'VIEW', [
        column('device_id', 'string', 'STRING', 0),
        column('calibrated_at', 'timestamp', 'TIMESTAMP', 1),
      ]),
      table('main', 'iot', 'device_registry', 'STREAMING_TABLE', [
        // Deliberately out of order: the API does not promise an order.
        column('installed_at', 'timestamp', 'TIMESTAMP', 2),
        column('device_id', 'string', 'STRING', 0, false, 'Device serial'),
        column('site_id', 'string', 'STRING', 1),
      ]),
      table('samples', 'nyctaxi', 'trips', 'MANAGED', [
        column('tpep_pickup_datetime', 'timestamp', 'TIMESTAMP', 0),
        column('trip_distance', 'double', 'DOUBLE', 1),
        column('fare_amount', 'double', 'DOUBLE', 2),
      ]),
    ],
    volumes: [
      volume('main', 'iot', 'landing', 'EXTERNAL', 's3://plant-gateways/landing', 'Files from the plant gateways'),
      volume('main', 'iot', 'checkpoints', 'MANAGED', 's3://lakehouse-bucket/__unitystorage/schemas/iot/volumes/checkpoints'),
      volume(
        'reference',
        'plants',
        'exports',
        'MANAGED',
        's3://lakehouse-bucket/__unitystorage/schemas/plants/volumes/exports',
        'Nightly CSV exports',
      ),
    ],
    functions: [
      fn(
        'main',
        'iot',
        'to_celsius',
        [parameter('fahrenheit', 'double', 'DOUBLE', 0, { comment: 'Temperature in °F' })],
        'double',
        'DOUBLE',
        '(fahrenheit - 32) * 5 / 9',
        'Fahrenheit to Celsius',
      ),
      fn(
        'main',
        'iot',
        'mask_serial',
        [parameter('serial', 'string', 'STRING', 0), parameter('keep', 'int', 'INT', 1, { parameter_default: '4' })],
        'string',
        'STRING',
        "concat(repeat('*', length(serial) - keep), right(serial, keep))",
        'Masks all but the last characters of a serial',
      ),
    ],
  };
}
