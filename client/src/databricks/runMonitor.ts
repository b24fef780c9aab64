// Follows a pipeline update to its end through the CLI: `pipelines get-update`
// for the state, the events API through `databricks api get` for the events
// with their `details` (flow progress, row counts, expectation counts), paged
// with `page_token`. No vscode and no process of its own: the caller runs each
// command (the extension through CliService, the contract tests with the real
// CLI through runCli), so the same loop is tested against the real binary.
import { CliCommand, cliCommands } from './cliCommand';
import { CliResult } from './cliRunner';
import { newEvents, parseEventsPage, parseUpdate, PipelineEvent, TERMINAL_STATES } from './pipelineUpdate';

export type RunCliCommand = (cmd: CliCommand) => Promise<CliResult>;

export interface FollowOptions {
  pipelineId: string;
  updateId: string;
  /** `--profile` of the `pipelines` / `api` commands. */
  profile?: string;
  pollIntervalMs: number;
  /** Waits between polls; rejects when the run is cancelled. */
  wait: (ms: number) => Promise<void>;
  onEvent?: (event: PipelineEvent) => void;
  onState?: (state: string) => void;
  /** Events per page (the API allows up to 250). */
  pageSize?: number;
  /** Pages read per poll at most: a long history is read over several polls, never in one go. */
  maxPages?: number;
}

export interface FollowedUpdate {
  state: string;
  /** This update's events, oldest first. */
  events: PipelineEvent[];
}

/** Every event since `since` (ISO time), newest page first, following next_page_token up to `maxPages`. */
export async function readEvents(
  run: RunCliCommand,
  pipelineId: string,
  q: { since?: string; profile?: string; pageSize?: number; maxPages?: number },
): Promise<PipelineEvent[]> {
  const all: PipelineEvent[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < (q.maxPages ?? 10); page++) {
    const r = await run(cliCommands.pipelineEvents(pipelineId, { maxResults: q.pageSize ?? 100, since: q.since, pageToken }, q.profile));
    const { events, nextPageToken } = parseEventsPage(r.stdout);
    all.push(...events);
    if (!nextPageToken || events.length === 0) break;
    pageToken = nextPageToken;
  }
  return all;
}

export async function followUpdate(run: RunCliCommand, o: FollowOptions): Promise<FollowedUpdate> {
  const seen = new Set<string>();
  const events: PipelineEvent[] = [];
  let since: string | undefined;
  for (;;) {
    const info = parseUpdate((await run(cliCommands.getUpdate(o.pipelineId, o.updateId, o.profile))).stdout);
    since ??= info.creationTime !== undefined ? new Date(info.creationTime).toISOString() : undefined;
    // Events are read after the state, so the last poll of a finished update sees its last events.
    const listed = await readEvents(run, o.pipelineId, { since, profile: o.profile, pageSize: o.pageSize, maxPages: o.maxPages });
    for (const e of newEvents(listed, o.updateId, seen)) {
      events.push(e);
      o.onEvent?.(e);
      if (e.timestamp && (!since || e.timestamp > since)) since = e.timestamp;
    }
    o.onState?.(info.state);
    if (TERMINAL_STATES.has(info.state)) return { state: info.state, events };
    await o.wait(o.pollIntervalMs);
  }
}
