// Reading a pipeline update as the CLI reports it (`pipelines get-update -o json`,
// `api get /api/2.0/pipelines/{id}/events`): state, flow progress, expectation
// counts per dataset and errors per dataset. Pure, so the shapes are unit tested.

export const TERMINAL_STATES = new Set(['COMPLETED', 'FAILED', 'CANCELED']);

export interface UpdateInfo {
  state: string;
  creationTime?: number;
}

export interface PipelineEvent {
  id: string;
  timestamp: string;
  level: string;
  eventType: string;
  message: string;
  dataset?: string;
  flow?: string;
  updateId?: string;
  details: Record<string, unknown>;
  errorMessages: string[];
}

export interface ExpectationCount {
  dataset: string;
  name: string;
  passed: number;
  failed: number;
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function parseUpdate(json: string): UpdateInfo {
  const update = obj(obj(JSON.parse(json)).update);
  return {
    state: str(update.state) ?? 'UNKNOWN',
    creationTime: typeof update.creation_time === 'number' ? update.creation_time : undefined,
  };
}

export function parseEvents(json: string): PipelineEvent[] {
  const data: unknown = JSON.parse(json);
  // A JSON array of events (the CLI pages through the list), or the raw API page.
  const list = Array.isArray(data) ? data : Array.isArray(obj(data).events) ? (obj(data).events as unknown[]) : [];
  return list.map(parseEvent);
}

/** One page of `GET /api/2.0/pipelines/{id}/events`: its events and the token of the next (older) page. */
export function parseEventsPage(json: string): { events: PipelineEvent[]; nextPageToken?: string } {
  const page = obj(JSON.parse(json));
  return { events: parseEvents(json), nextPageToken: str(page.next_page_token) || undefined };
}

/** One event object of the Lakeflow event format (API page, CLI output or a local event log line). */
export function parseEvent(raw: unknown): PipelineEvent {
  const e = obj(raw);
  const origin = obj(e.origin);
  const exceptions = Array.isArray(obj(e.error).exceptions) ? (obj(e.error).exceptions as unknown[]) : [];
  return {
    id: str(e.id) ?? '',
    timestamp: str(e.timestamp) ?? '',
    level: str(e.level) ?? 'INFO',
    eventType: str(e.event_type) ?? '',
    message: str(e.message) ?? '',
    dataset: str(origin.dataset_name),
    flow: str(origin.flow_name),
    updateId: str(origin.update_id),
    details: obj(e.details),
    errorMessages: exceptions.map((x) => str(obj(x).message)).filter((m): m is string => !!m),
  };
}

/** Events of this update not seen before, oldest first. */
export function newEvents(events: PipelineEvent[], updateId: string, seen: Set<string>): PipelineEvent[] {
  const fresh = events.filter((e) => (!e.updateId || e.updateId === updateId) && !seen.has(e.id));
  for (const e of fresh) seen.add(e.id);
  return fresh.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

/** One line for the output channel. */
export function describeEvent(e: PipelineEvent): string {
  const where = e.dataset ?? e.flow;
  const progress = obj(e.details.flow_progress);
  const status = str(progress.status);
  const rows = obj(progress.metrics).num_output_rows;
  const parts = [`[${e.level}]`, e.eventType];
  if (where) parts.push(where);
  if (status) parts.push(status);
  if (typeof rows === 'number') parts.push(`${rows} rows`);
  const text = parts.join(' ');
  const msg = e.message && !status ? `: ${e.message}` : '';
  return text + msg + (e.errorMessages.length ? ` — ${e.errorMessages[0]}` : '');
}

/** Expectation pass/fail counts per dataset, summed over the update's flow_progress events. */
export function expectationCounts(events: PipelineEvent[]): ExpectationCount[] {
  const byKey = new Map<string, ExpectationCount>();
  for (const e of events) {
    const quality = obj(obj(e.details.flow_progress).data_quality);
    const expectations = Array.isArray(quality.expectations) ? (quality.expectations as unknown[]) : [];
    for (const raw of expectations) {
      const x = obj(raw);
      const dataset = str(x.dataset) ?? e.dataset ?? '?';
      const name = str(x.name) ?? '?';
      const key = `${dataset}\u0000${name}`;
      const count = byKey.get(key) ?? { dataset, name, passed: 0, failed: 0 };
      count.passed += num(x.passed_records);
      count.failed += num(x.failed_records);
      byKey.set(key, count);
    }
  }
  return [...byKey.values()];
}

/** Error events with the dataset they belong to, for Problems on the dataset's file. */
export function datasetErrors(events: PipelineEvent[]): { dataset: string; message: string }[] {
  return events
    .filter((e) => e.level === 'ERROR' && (e.dataset ?? e.flow))
    .map((e) => ({ dataset: (e.dataset ?? e.flow) as string, message: e.errorMessages[0] ?? e.message }));
}
