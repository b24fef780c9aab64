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
  /** `since` (ISO time) keeps the CLI from paging through the pipeline's whole event history. */
  listPipelineEvents(pipelineId: string, maxResults: number, profile?: string, since?: string): CliCommand {
    const filter = since ? ['--filter', `timestamp >= '${since}'`] : [];
    return {
      command: ['pipelines', 'list-pipeline-events'],
      args: [pipelineId, '--max-results', String(maxResults), ...filter, '-o', 'json', ...profileArgs(profile)],
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
