// Databricks CLI invocations built as data: what to run is decided (and unit
// tested) here, how to run it is cliRunner's job. No shell is ever involved, so
// target names, profiles and table names are plain arguments.

export interface CliCommand {
  /** The sub-command path, e.g. ['bundle', 'deploy']. */
  command: string[];
  args: string[];
}

/** Where and as whom a bundle command runs. */
export interface BundleScope {
  target?: string;
  /** Profile of ~/.databrickscfg; absent when auth comes from the environment. */
  profile?: string;
}

/** What `bundle run` refreshes; the CLI's `-all` flags and `--validate-only` exclude the lists. */
export type RunMode =
  | { kind: 'update' }
  | { kind: 'fullRefreshAll' }
  | { kind: 'refresh'; tables: string[] }
  | { kind: 'fullRefresh'; tables: string[] }
  | { kind: 'validateOnly' };

/** What one `GET /api/2.0/pipelines/{id}/events` asks for. */
export interface EventsQuery {
  maxResults: number;
  /** ISO time: keeps the API from paging through the pipeline's whole event history. */
  since?: string;
  /** `next_page_token` of the previous page; the API refuses a filter next to it. */
  pageToken?: string;
}

export function toArgv(cmd: CliCommand): string[] {
  return [...cmd.command, ...cmd.args];
}

function scopeArgs(scope: BundleScope): string[] {
  const args: string[] = [];
  if (scope.target) args.push('-t', scope.target);
  if (scope.profile) args.push('--profile', scope.profile);
  return args;
}

function profileArgs(profile: string | undefined): string[] {
  return profile ? ['--profile', profile] : [];
}

export const cliCommands = {
  version(): CliCommand {
    return { command: ['version'], args: [] };
  },
  validateBundle(scope: BundleScope): CliCommand {
    return { command: ['bundle', 'validate'], args: ['-o', 'json', ...scopeArgs(scope)] };
  },
  deployBundle(scope: BundleScope): CliCommand {
    return { command: ['bundle', 'deploy'], args: scopeArgs(scope) };
  },
  /** The user confirmed in VS Code; the CLI cannot prompt without a terminal. */
  destroyBundle(scope: BundleScope): CliCommand {
    return { command: ['bundle', 'destroy'], args: ['--auto-approve', ...scopeArgs(scope)] };
  },
  summary(scope: BundleScope): CliCommand {
    return { command: ['bundle', 'summary'], args: ['-o', 'json', ...scopeArgs(scope)] };
  },
  /** Starts the update and returns once its URL is known; progress is followed separately. */
  runPipeline(scope: BundleScope, pipelineKey: string, mode: RunMode): CliCommand {
    return { command: ['bundle', 'run'], args: [pipelineKey, '--no-wait', ...runModeArgs(mode), ...scopeArgs(scope)] };
  },
  getUpdate(pipelineId: string, updateId: string, profile?: string): CliCommand {
    return { command: ['pipelines', 'get-update'], args: [pipelineId, updateId, '-o', 'json', ...profileArgs(profile)] };
  },
  /**
   * One page of a pipeline's events through the CLI's generic REST command: the
   * raw API JSON keeps each event's `details` (flow progress, row counts,
   * expectation counts), which `pipelines list-pipeline-events` drops. The API
   * takes either a query (filter, order) or a page token of an earlier page.
   */
  pipelineEvents(pipelineId: string, query: EventsQuery, profile?: string): CliCommand {
    const params = new URLSearchParams({ max_results: String(query.maxResults) });
    if (query.pageToken) params.set('page_token', query.pageToken);
    else if (query.since) params.set('filter', `timestamp >= '${query.since}'`);
    return {
      command: ['api', 'get'],
      args: [
        `/api/2.0/pipelines/${encodeURIComponent(pipelineId)}/events?${params.toString().replace(/\+/g, '%20')}`,
        '-o',
        'json',
        ...profileArgs(profile),
      ],
    };
  },
  stopPipeline(pipelineId: string, profile?: string): CliCommand {
    return { command: ['pipelines', 'stop'], args: [pipelineId, '--no-wait', ...profileArgs(profile)] };
  },
};

export function runModeArgs(mode: RunMode): string[] {
  switch (mode.kind) {
    case 'update':
      return [];
    case 'fullRefreshAll':
      return ['--full-refresh-all'];
    case 'validateOnly':
      return ['--validate-only'];
    case 'refresh':
      return mode.tables.length ? ['--refresh', mode.tables.join(',')] : [];
    case 'fullRefresh':
      return mode.tables.length ? ['--full-refresh', mode.tables.join(',')] : ['--full-refresh-all'];
  }
}

/** `Update URL: <host>/#joblist/pipelines/<pipeline id>/updates/<update id>` from `bundle run`. */
export function parseUpdateUrl(output: string): { url: string; pipelineId: string; updateId: string } | undefined {
  const m = /Update URL:\s*(\S*#joblist\/pipelines\/([^/\s]+)\/updates\/([^/\s]+))/.exec(output);
  return m ? { url: m[1], pipelineId: m[2], updateId: m[3] } : undefined;
}
