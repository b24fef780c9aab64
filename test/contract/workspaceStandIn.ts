// STAND-IN for a Databricks workspace, used only by the contract tests: the
// real Databricks CLI (built from the pinned module version) talks to it over
// loopback HTTP (DATABRICKS_HOST=http://127.0.0.1:<port>, a token from the
// environment). It answers the REST calls the CLI makes for bundle validate,
// deploy (direct engine: workspace files, pipelines, jobs, permissions),
// bundle run, pipelines get-update / stop, the events API (with `details` as
// the public API documents them), destroy and the identity lookups, keeps what
// was deployed in memory, records every request, and answers anything else with
// 404 in Databricks' error shape (the routes were found by running the CLI
// against it and reading `unknown`). Faults are scripted per route.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';

export type Json = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or the raw text (file uploads). */
  body: unknown;
  authorization?: string;
  userAgent?: string;
}

export interface Fault {
  method?: string;
  path: RegExp;
  /** How many matching requests get the fault; then the route answers normally. */
  times: number;
  status?: number;
  body?: Json;
  /** Answer only after this long (past a caller's timeout). */
  delayMs?: number;
}

/** How an update started through the API progresses: one state per get-update poll, the last repeats. */
export interface UpdatePlan {
  states: string[];
  /** Events of the update, oldest first; ids, timestamps and origins are filled in. */
  events: Json[];
}

interface Update {
  id: string;
  request: Json;
  created: number;
  polls: number;
  plan: UpdatePlan;
  stopped: boolean;
}

interface Pipeline {
  id: string;
  spec: Json;
  updates: Update[];
}

interface WorkspaceObject {
  type: 'DIRECTORY' | 'FILE' | 'NOTEBOOK';
  id: number;
  content?: string;
}

export const CURRENT_USER = 'contract.user@example.com';
export const STAND_IN_TOKEN = 'dapiCONTRACT0123456789standin';

const DEFAULT_PLAN: UpdatePlan = { states: ['RUNNING', 'COMPLETED'], events: [] };

export class WorkspaceStandIn {
  readonly requests: RecordedRequest[] = [];
  /** Requests no route answered: what the CLI called that the stand-in does not know. */
  readonly unknown: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  readonly files = new Map<string, WorkspaceObject>();
  readonly pipelines = new Map<string, Pipeline>();
  readonly jobs = new Map<number, Json>();
  readonly permissions = new Map<string, Json>();
  /** The plan the next update follows. */
  nextUpdate: UpdatePlan = DEFAULT_PLAN;
  /** Events per page when the caller asks for more (the API caps pages too). */
  pageCap = 100;
  private server: Server | undefined;
  private counter = 0;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests matching a method and a path pattern. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Pipeline and update ids are lower-case UUIDs, as in a workspace (`pipelines stop` treats anything else as a bundle key). */
  private nextId(): string {
    this.counter += 1;
    return randomUUID();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    let body: unknown = text;
    if (text && /json/.test(req.headers['content-type'] ?? '')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    const record: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      body,
      authorization: req.headers.authorization,
      userAgent: req.headers['user-agent'],
    };
    this.requests.push(record);
    const send = (status: number, payload: unknown): void => {
      const raw = payload instanceof RawBody;
      const data = raw ? payload.text : JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': raw ? 'application/octet-stream' : 'application/json',
        'content-length': Buffer.byteLength(data),
      });
      res.end(data);
    };
    const fault = this.faults.find((f) => f.times > 0 && (!f.method || f.method === method) && f.path.test(path));
    if (fault) {
      fault.times -= 1;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.status) return send(fault.status, fault.body ?? errorBody(fault.status));
    }
    if (
      path !== '/.well-known/databricks-config' &&
      !path.startsWith('/oidc/') &&
      req.headers.authorization !== `Bearer ${STAND_IN_TOKEN}`
    ) {
      return send(401, { error_code: 'UNAUTHENTICATED', message: 'Invalid access token.' });
    }
    const answer = this.route(method, path, url.searchParams, body, record);
    if (answer) return send(answer[0], answer[1]);
    this.unknown.push(record);
    send(404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No API found for '${method} ${path}'` });
  }

  private route(method: string, path: string, q: URLSearchParams, body: unknown, r: RecordedRequest): [number, unknown] | undefined {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Json;
    const key = `${method} ${path}`;
    let m: RegExpExecArray | null;
    if (key === 'GET /.well-known/databricks-config') {
      return [
        200,
        {
          oidc_endpoint: `${this.url}/oidc`,
          workspace_id: '1234567890123456',
          cloud: 'AWS',
          host_type: 'WORKSPACE_HOST',
          token_federation_default_oidc_audiences: [`${this.url}/oidc/v1/token`],
        },
      ];
    }
    // OAuth (U2M): discovery and the token endpoint `databricks auth token` refreshes through.
    if (key === 'GET /oidc/.well-known/oauth-authorization-server') {
      return [
        200,
        {
          authorization_endpoint: `${this.url}/oidc/v1/authorize`,
          token_endpoint: `${this.url}/oidc/v1/token`,
          issuer: `${this.url}/oidc`,
        },
      ];
    }
    if (key === 'POST /oidc/v1/token') {
      return [
        200,
        {
          access_token: 'eyJ.contract-refreshed',
          token_type: 'Bearer',
          refresh_token: 'refresh-2',
          expires_in: 3600,
          scope: 'all-apis offline_access',
        },
      ];
    }
    if (key === 'POST /telemetry-ext') {
      // The CLI reports usage after each command; the answer's shape is what it checks.
      return [200, { errors: [], numProtoSuccess: Array.isArray(b.protoLogs) ? b.protoLogs.length : 0 }];
    }
    if (key === 'GET /api/2.0/preview/scim/v2/Me') {
      return [
        200,
        { id: '4242', userName: CURRENT_USER, displayName: 'Contract User', active: true, groups: [{ display: 'users', value: '1' }] },
      ];
    }
    if (key === 'GET /api/2.0/preview/scim/v2/ServicePrincipals') {
      const name = /displayName eq "?([^"]+)"?/.exec(q.get('filter') ?? '')?.[1];
      return [
        200,
        {
          Resources: name ? [{ id: '777', applicationId: '00000000-0000-4000-8000-00000000sp01', displayName: name, active: true }] : [],
          totalResults: name ? 1 : 0,
          itemsPerPage: 1,
          startIndex: 1,
        },
      ];
    }
    if (key === 'GET /api/2.0/sql/warehouses') {
      return [
        200,
        {
          warehouses: [{ id: 'a1b2c3d4e5f60001', name: 'Serverless Starter Warehouse', state: 'RUNNING', enable_serverless_compute: true }],
        },
      ];
    }
    // Workspace tree.
    if (key === 'GET /api/2.0/workspace/get-status') {
      const p = q.get('path') ?? '';
      const o = this.files.get(p);
      return o
        ? [200, { path: p, object_type: o.type, object_id: o.id, ...(o.type === 'FILE' ? { size: o.content?.length ?? 0 } : {}) }]
        : [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Path (${p}) doesn't exist.` }];
    }
    if (key === 'GET /api/2.0/workspace/export') {
      // The deployment lock and state are read back this way (direct_download: the raw bytes).
      const p = q.get('path') ?? '';
      const o = this.files.get(p);
      if (o?.type !== 'FILE') return [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Path (${p}) doesn't exist.` }];
      return q.get('direct_download') === 'true'
        ? [200, rawBody(o.content ?? '')]
        : [200, { content: Buffer.from(o.content ?? '').toString('base64'), file_type: 'FILE' }];
    }
    if (key === 'POST /api/2.0/workspace/mkdirs') {
      this.mkdirs(String(b.path));
      return [200, {}];
    }
    if (key === 'GET /api/2.0/workspace/list') {
      const p = (q.get('path') ?? '').replace(/\/+$/, '');
      if (!this.files.has(p)) return [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Path (${p}) doesn't exist.` }];
      const objects = [...this.files.entries()]
        .filter(([f]) => f.startsWith(`${p}/`) && !f.slice(p.length + 1).includes('/'))
        .map(([f, o]) => ({ path: f, object_type: o.type, object_id: o.id }));
      return [200, objects.length ? { objects } : {}];
    }
    if (key === 'POST /api/2.0/workspace/delete') {
      const p = String(b.path);
      if (!this.files.has(p)) return [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Path (${p}) doesn't exist.` }];
      for (const f of [...this.files.keys()]) if (f === p || (b.recursive && f.startsWith(`${p}/`))) this.files.delete(f);
      return [200, {}];
    }
    if ((m = /^POST \/api\/2\.0\/workspace-files\/import-file\/(.+)$/.exec(key))) {
      const p = m[1].startsWith('/') ? m[1] : `/${m[1]}`;
      if (this.files.has(p) && q.get('overwrite') !== 'true')
        return [409, { error_code: 'RESOURCE_ALREADY_EXISTS', message: `${p} already exists` }];
      this.mkdirs(p.slice(0, p.lastIndexOf('/')));
      this.files.set(p, { type: 'FILE', id: this.counter++, content: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) });
      return [200, {}];
    }
    if ((m = /^GET \/api\/2\.0\/workspace-files\/(.+)$/.exec(key))) {
      const p = m[1].startsWith('/') ? m[1] : `/${m[1]}`;
      const o = this.files.get(p);
      return o?.type === 'FILE'
        ? [200, JSON.parse(o.content || '{}')]
        : [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Path (${p}) doesn't exist.` }];
    }
    // Pipelines.
    if (key === 'POST /api/2.0/pipelines') {
      const id = this.nextId();
      this.pipelines.set(id, { id, spec: b, updates: [] });
      return [200, { pipeline_id: id, effective_settings: { ...b, id } }];
    }
    if ((m = /^(GET|PUT|DELETE) \/api\/2\.0\/pipelines\/([^/]+)$/.exec(key))) {
      const p = this.pipelines.get(m[2]);
      if (!p) return [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `The specified pipeline ${m[2]} was not found.` }];
      if (m[1] === 'DELETE') {
        this.pipelines.delete(p.id);
        return [200, {}];
      }
      if (m[1] === 'PUT') {
        p.spec = { ...b };
        delete p.spec.pipeline_id;
        return [200, {}];
      }
      const latest = p.updates.at(-1);
      return [
        200,
        {
          pipeline_id: p.id,
          name: p.spec.name,
          state: latest && !isTerminal(this.stateOf(latest, false)) ? 'RUNNING' : 'IDLE',
          creator_user_name: CURRENT_USER,
          run_as_user_name: CURRENT_USER,
          spec: { ...p.spec, id: p.id },
          latest_updates: p.updates
            .map((u) => ({ update_id: u.id, state: this.stateOf(u, false), creation_time: new Date(u.created).toISOString() }))
            .reverse(),
        },
      ];
    }
    if ((m = /^POST \/api\/2\.0\/pipelines\/([^/]+)\/updates$/.exec(key))) {
      const p = this.pipelines.get(m[1]);
      if (!p) return [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `The specified pipeline ${m[1]} was not found.` }];
      const u: Update = { id: this.nextId(), request: b, created: Date.now(), polls: 0, plan: this.nextUpdate, stopped: false };
      p.updates.push(u);
      return [200, { update_id: u.id, request_id: u.id }];
    }
    if ((m = /^GET \/api\/2\.0\/pipelines\/([^/]+)\/updates\/([^/]+)$/.exec(key))) {
      const u = this.pipelines.get(m[1])?.updates.find((x) => x.id === m?.[2]);
      if (!u) return [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Update ${m[2]} not found.` }];
      const state = this.stateOf(u, true);
      return [
        200,
        {
          update: {
            pipeline_id: m[1],
            update_id: u.id,
            state,
            creation_time: u.created,
            cause: 'API_CALL',
            full_refresh: u.request.full_refresh ?? false,
            ...pick(u.request, ['refresh_selection', 'full_refresh_selection', 'validate_only']),
          },
        },
      ];
    }
    if ((m = /^POST \/api\/2\.0\/pipelines\/([^/]+)\/stop$/.exec(key))) {
      const p = this.pipelines.get(m[1]);
      if (!p) return [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `The specified pipeline ${m[1]} was not found.` }];
      for (const u of p.updates) u.stopped = true;
      return [200, {}];
    }
    if ((m = /^GET \/api\/2\.0\/pipelines\/([^/]+)\/events$/.exec(key))) {
      const p = this.pipelines.get(m[1]);
      if (!p) return [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `The specified pipeline ${m[1]} was not found.` }];
      return [200, this.eventsPage(p, q)];
    }
    // Jobs.
    if (key === 'POST /api/2.2/jobs/create') {
      const id = 1000 + this.jobs.size + this.counter++;
      this.jobs.set(id, b);
      return [200, { job_id: id }];
    }
    if (key === 'GET /api/2.2/jobs/get') {
      const id = Number(q.get('job_id'));
      const settings = this.jobs.get(id);
      return settings
        ? [200, { job_id: id, creator_user_name: CURRENT_USER, settings }]
        : [400, { error_code: 'INVALID_PARAMETER_VALUE', message: `Job ${id} does not exist.` }];
    }
    if (key === 'POST /api/2.2/jobs/reset') {
      this.jobs.set(Number(b.job_id), b.new_settings as Json);
      return [200, {}];
    }
    if (key === 'POST /api/2.2/jobs/delete') {
      return this.jobs.delete(Number(b.job_id))
        ? [200, {}]
        : [400, { error_code: 'INVALID_PARAMETER_VALUE', message: `Job ${String(b.job_id)} does not exist.` }];
    }
    // Permissions.
    if ((m = /^(PUT|PATCH|GET) \/api\/2\.0\/permissions\/(.+)$/.exec(key))) {
      if (m[1] !== 'GET') this.permissions.set(m[2], b);
      const acl = (this.permissions.get(m[2])?.access_control_list ?? []) as Json[];
      return [
        200,
        {
          object_id: `/${m[2]}`,
          access_control_list: acl.map((a) => ({ ...a, all_permissions: [{ permission_level: a.permission_level, inherited: false }] })),
        },
      ];
    }
    return undefined;
  }

  private mkdirs(p: string): void {
    const parts = p.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      if (!this.files.has(dir)) this.files.set(dir, { type: 'DIRECTORY', id: this.counter++ });
    }
  }

  /** The state a poll sees: the plan advances one state per get-update poll; a stopped update is CANCELED. */
  private stateOf(u: Update, poll: boolean): string {
    if (u.stopped) return 'CANCELED';
    const state = u.plan.states[Math.min(u.polls, u.plan.states.length - 1)] ?? 'COMPLETED';
    if (poll) u.polls += 1;
    return state;
  }

  /** Every event of the pipeline, newest first as the API orders them; `filter` on timestamp; paged with opaque tokens. */
  private eventsPage(p: Pipeline, q: URLSearchParams): Json {
    const token = q.get('page_token');
    const state = token
      ? (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: number; since?: string })
      : { offset: 0, since: /timestamp\s*>=\s*'([^']+)'/.exec(q.get('filter') ?? '')?.[1] };
    const all = p.updates
      .flatMap((u) => this.eventsOf(p, u))
      .filter((e) => !state.since || String(e.timestamp) >= state.since)
      .sort((a, b) => String(b.timestamp).localeCompare(String(a.timestamp)));
    const size = Math.min(Number(q.get('max_results') ?? 25) || 25, this.pageCap);
    const events = all.slice(state.offset, state.offset + size);
    const next =
      state.offset + size < all.length
        ? Buffer.from(JSON.stringify({ offset: state.offset + size, since: state.since })).toString('base64url')
        : undefined;
    return { events, ...(next ? { next_page_token: next } : {}) };
  }

  private eventsOf(p: Pipeline, u: Update): Json[] {
    const at = (i: number): string => new Date(u.created + i * 1000).toISOString();
    const origin = (extra: Json = {}): Json => ({
      cloud: 'AWS',
      region: 'us-west-2',
      org_id: 1234567890123456,
      pipeline_id: p.id,
      pipeline_name: p.spec.name,
      update_id: u.id,
      ...extra,
    });
    const final = u.stopped ? 'CANCELED' : u.plan.states.at(-1);
    return [
      {
        id: `${u.id}-e0`,
        sequence: { control_plane_seq_no: 1 },
        origin: origin(),
        timestamp: at(0),
        message: `Update ${u.id.slice(0, 6)} started by API_CALL.`,
        level: 'INFO',
        maturity_level: 'STABLE',
        event_type: 'create_update',
        details: {
          create_update: {
            cause: 'API_CALL',
            full_refresh: u.request.full_refresh ?? false,
            validate_only: u.request.validate_only ?? false,
          },
        },
      },
      ...u.plan.events.map((e, i) => {
        const o = (e.origin ?? {}) as Json;
        return {
          id: `${u.id}-f${i}`,
          sequence: { control_plane_seq_no: i + 2 },
          level: 'INFO',
          maturity_level: 'STABLE',
          ...e,
          origin: origin(o),
          timestamp: at(i + 1),
        };
      }),
      {
        id: `${u.id}-e9`,
        sequence: { control_plane_seq_no: 99 },
        origin: origin(),
        timestamp: at(u.plan.events.length + 1),
        message: `Update ${u.id.slice(0, 6)} is ${final}.`,
        level: final === 'FAILED' ? 'ERROR' : 'INFO',
        maturity_level: 'STABLE',
        event_type: 'update_progress',
        details: { update_progress: { state: final } },
      },
    ];
  }
}

/** A body sent as it is, not as JSON (file downloads). */
class RawBody {
  constructor(readonly text: string) {}
}

function rawBody(text: string): RawBody {
  return new RawBody(text);
}

function isTerminal(state: string): boolean {
  return ['COMPLETED', 'FAILED', 'CANCELED'].includes(state);
}

function pick(o: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

function errorBody(status: number): Json {
  if (status === 401) return { error_code: 'UNAUTHENTICATED', message: 'Invalid access token.' };
  if (status === 403)
    return { error_code: 'PERMISSION_DENIED', message: `User ${CURRENT_USER} does not have permission to perform this action.` };
  if (status === 429) return { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'Too many requests.' };
  return {
    error_code: status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST',
    message: status === 503 ? 'Service temporarily unavailable.' : 'Internal error.',
  };
}

/** A flow_progress event with row counts and expectation counts, as the events API documents `details`. */
export function flowProgress(dataset: string, rows: number, expectations: { name: string; passed: number; failed: number }[] = []): Json {
  const dropped = expectations.reduce((n, x) => n + x.failed, 0);
  return {
    event_type: 'flow_progress',
    message: `Flow '${dataset}' has COMPLETED.`,
    origin: { flow_name: dataset, dataset_name: dataset, flow_id: `flow-${dataset}` },
    details: {
      flow_progress: {
        status: 'COMPLETED',
        metrics: { num_output_rows: rows },
        data_quality: {
          dropped_records: dropped,
          expectations: expectations.map((x) => ({ name: x.name, dataset, passed_records: x.passed, failed_records: x.failed })),
        },
      },
    },
  };
}
