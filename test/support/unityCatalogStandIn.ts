// A stand-in for a Unity Catalog server, started by tests on 127.0.0.1 with an
// ephemeral port. It answers GET /api/2.1/unity-catalog/{catalogs,schemas,tables,
// tables/{full_name}} with the shapes of the Unity Catalog OpenAPI
// (ListCatalogsResponse, ListSchemasResponse, ListTablesResponse, TableInfo with
// ColumnInfo), pages with opaque next_page_token values (optionally through empty
// pages that still carry a token), errors in the Databricks `{error_code,
// message}` form, and scripted faults: status codes, Retry-After, slow answers,
// malformed JSON, huge bodies and listings that never end.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

const API = '/api/2.1/unity-catalog';

export type Raw = Record<string, unknown>;

export interface StandInWorkspace {
  readonly catalogs: readonly Raw[];
  readonly schemas: readonly Raw[];
  readonly tables: readonly Raw[];
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
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Server-chosen page size (what max_results=0 gets). Default 2. */
  readonly pageSize?: number;
  /** Empty pages, each with a next_page_token, served before every non-empty page. */
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

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: StandInOptions,
  ) {}

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
      return sendJson(res, 200, { [key]: [{ name: `item_${this.endlessCounter}`, catalog_name: 'main', schema_name: 'iot' }], next_page_token: token });
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
      return sendJson(res, 401, { error_code: 'UNAUTHENTICATED', message: 'Credential was not sent or was of an unsupported type for this API.' });
    }
    if (req.method !== 'GET') return sendJson(res, 405, { error_code: 'BAD_REQUEST', message: 'method not allowed' });
    const ws = this.workspace;
    if (path === '/catalogs') return this.page(res, 'catalogs', ws.catalogs, query);
    if (path === '/schemas') {
      const catalog = query.get('catalog_name');
      if (!catalog) return sendJson(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'catalog_name is required' });
      if (!ws.catalogs.some((c) => c.name === catalog)) return sendJson(res, 404, notFound('CATALOG_DOES_NOT_EXIST', `Catalog '${catalog}' does not exist.`));
      return this.page(res, 'schemas', ws.schemas.filter((s) => s.catalog_name === catalog), query);
    }
    if (path === '/tables') {
      const catalog = query.get('catalog_name');
      const schema = query.get('schema_name');
      if (!catalog || !schema) return sendJson(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'catalog_name and schema_name are required' });
      if (!ws.schemas.some((s) => s.full_name === `${catalog}.${schema}`)) {
        return sendJson(res, 404, notFound('SCHEMA_DOES_NOT_EXIST', `Schema '${catalog}.${schema}' does not exist.`));
      }
      const tables = ws.tables
        .filter((t) => t.catalog_name === catalog && t.schema_name === schema)
        .map((t) => omit(t, [...(query.get('omit_columns') === 'true' ? ['columns'] : []), ...(query.get('omit_properties') === 'true' ? ['properties'] : [])]));
      return this.page(res, 'tables', tables, query);
    }
    if (path.startsWith('/tables/')) {
      const fullName = decodeURIComponent(path.slice('/tables/'.length)).toLowerCase();
      const table = ws.tables.find((t) => t.full_name === fullName);
      if (!table) return sendJson(res, 404, notFound('TABLE_DOES_NOT_EXIST', `Table '${fullName}' does not exist.`));
      return sendJson(res, 200, table);
    }
    sendJson(res, 404, notFound('ENDPOINT_NOT_FOUND', `No API found for 'GET ${API}${path}'`));
  }

  /** Pages `items`; tokens are opaque to the client but encode (offset, empty pages still to send). */
  private page(res: ServerResponse, key: string, items: readonly Raw[], query: URLSearchParams): void {
    const maxResults = Number(query.get('max_results') ?? '0');
    if (!Number.isInteger(maxResults) || maxResults < 0) {
      return sendJson(res, 400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'max_results must be >= 0' });
    }
    const serverSize = this.options.pageSize ?? 2;
    const size = maxResults === 0 ? serverSize : Math.min(maxResults, serverSize);
    const empties = this.options.emptyPagesBetween ?? 0;
    const token = query.get('page_token');
    const position = token ? (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: number; empties: number }) : { offset: 0, empties };
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
  return path === '/catalogs' ? 'catalogs' : path === '/schemas' ? 'schemas' : path === '/tables' ? 'tables' : undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function errorBody(status: number): Raw {
  const codes: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'REQUEST_LIMIT_EXCEEDED', 500: 'INTERNAL_ERROR', 503: 'TEMPORARILY_UNAVAILABLE' };
  return { error_code: codes[status] ?? 'BAD_REQUEST', message: `stand-in fault ${status}` };
}

function notFound(code: string, message: string): Raw {
  return { error_code: code, message };
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

const column = (name: string, typeText: string, typeName: string, position: number, nullable = true, comment?: string): Raw => ({
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

const table = (catalog: string, schema: string, name: string, tableType: string, columns: Raw[], comment?: string): Raw => ({
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
    catalogs: [catalog('main', 'Main catalog'), catalog('reference', 'Shared reference data'), catalog('samples'), catalog('system', 'System catalog')],
    schemas: [
      schema('main', 'default'),
      schema('main', 'iot', 'Plant telemetry'),
      schema('main', 'information_schema'),
      schema('reference', 'plants'),
      schema('samples', 'nyctaxi'),
    ],
    tables: [
      table('reference', 'plants', 'sites', 'MANAGED', [
        column('site_id', 'string', 'STRING', 0, false, 'Plant site code'),
        column('site_name', 'string', 'STRING', 1),
        column('timezone', 'string', 'STRING', 2),
      ], 'One row per plant site'),
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
  };
}
