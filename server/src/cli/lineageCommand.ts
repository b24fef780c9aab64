// `lakeflow lineage [PATH...] [--bundle FILE] [--target T] [--dataset D | --column D.C]
// [--format json|dot|mermaid]`: the dataset graph, one dataset's ancestry, or
// one column's sources and consumers.
import { columnTrace, datasetTrace, LineageTrace, pipelineTrace } from '../language/features/lineageTrace';
import { oneOf, parseArgs } from './cliArgs';
import { CliIo, UsageError } from './io';
import { formatDot, formatMermaid, formatTraceJson } from './lineageFormats';
import type { CommandHelp } from './help';
import type { Subcommand } from './main';
import { loadWorkspace } from './pipelineLoader';

const FORMATS = ['json', 'dot', 'mermaid'] as const;

const lineageHelp: CommandHelp = {
  usage: 'lakeflow lineage [PATH...] [--bundle FILE] [--target T] [--dataset D | --column D.C] [--format json|dot|mermaid]',
  description:
    'Prints the dataset graph of the pipeline (files or folders; default: the current folder), or the ancestry of one dataset or one column.',
  options: [
    {
      flag: '--bundle FILE',
      text: 'the pipelines of this databricks.yml',
      default: 'databricks.yml of a single folder given, if it has one',
    },
    { flag: '--target T', text: 'bundle target whose settings apply', default: "the bundle's default target" },
    { flag: '--dataset D', text: "one dataset's upstream and downstream datasets", default: 'the whole graph' },
    { flag: '--column D.C', text: "one column's sources and consumers (not with --dataset)" },
    { flag: '--format F', text: 'json, dot or mermaid', default: 'json' },
  ],
};

export const lineageCommand: Subcommand = {
  summary: 'print the dataset graph or one dataset/column lineage (json, dot, mermaid)',
  help: lineageHelp,
  async run(args: string[], io: CliIo): Promise<number> {
    const { paths, options } = parseArgs(args, ['bundle', 'format', 'target', 'dataset', 'column']);
    const format = oneOf(options.get('format'), FORMATS, 'json', 'format');
    const dataset = options.get('dataset');
    const column = options.get('column');
    if (dataset && column) throw new UsageError('give --dataset or --column, not both');
    const ws = loadWorkspace(io.cwd, paths, { bundle: options.get('bundle'), target: options.get('target') });
    let trace: LineageTrace | undefined;
    if (column) {
      const dot = column.lastIndexOf('.');
      if (dot <= 0) throw new UsageError('--column takes DATASET.COLUMN');
      for (const p of ws.pipelines) trace ??= columnTrace(p.index, column.slice(0, dot), column.slice(dot + 1));
      if (!trace) return notFound(io, `column '${column}'`);
    } else if (dataset) {
      for (const p of ws.pipelines) trace ??= datasetTrace(p.index, dataset);
      if (!trace) return notFound(io, `dataset '${dataset}'`);
    } else {
      const all = ws.pipelines.map((p) => pipelineTrace(p.index));
      trace = { nodes: all.flatMap((t) => t.nodes), edges: all.flatMap((t) => t.edges), upstream: [], downstream: [] };
    }
    io.out(format === 'dot' ? formatDot(trace) : format === 'mermaid' ? formatMermaid(trace) : formatTraceJson(trace));
    return 0;
  },
};

function notFound(io: CliIo, what: string): number {
  io.err(`lakeflow lineage: ${what} is not in the pipeline\n`);
  return 1;
}
