// LF3xx: the engine's INVALID_FLOW_QUERY_TYPE cases, streaming reads of
// datasets that are not append-only, flow targets, and cycles.
import { Dataset, FileAnalysis, Flow, SourceRead } from '../../model/datasetTypes';
import { WorkspaceIndex } from '../../model/workspaceIndex';
import { Diagnostic, diagnostic } from './diagnostic';

export function flowDiagnostics(index: WorkspaceIndex, a: FileAnalysis): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (range: Dataset['range']) => ({ file: a.file, range });
  for (const d of a.datasets) {
    if (d.query) {
      if (d.kind === 'streaming_table' && !d.reads.some((r) => r.streaming || readsStreamingView(index, a, r))) {
        const range = d.reads.find((r) => !r.streaming)?.range ?? d.nameRange;
        out.push(
          diagnostic(
            'LF302',
            at(range),
            `streaming table '${d.name}' is defined by a batch query; read at least one source with STREAM(...) (INVALID_FLOW_QUERY_TYPE.BATCH_RELATION_FOR_STREAMING_TABLE)`,
          ),
        );
      }
      for (const r of d.reads.filter((x) => x.streaming)) {
        // cloud_files has no STREAM to remove: it always streams; read_files reads the same files as a batch.
        const remedy = r.autoLoader ? 'read the files with read_files(...) instead of cloud_files(...)' : 'remove STREAM';
        if (d.kind === 'materialized_view') {
          out.push(
            diagnostic(
              'LF303',
              at(r.range),
              `materialized view '${d.name}' cannot read a stream; ${remedy} (INVALID_FLOW_QUERY_TYPE.STREAMING_RELATION_FOR_MATERIALIZED_VIEW)`,
            ),
          );
        } else if (d.kind === 'view') {
          out.push(
            diagnostic(
              'LF305',
              at(r.range),
              `view '${d.name}' cannot read a stream; use a temporary view or ${remedy} (INVALID_FLOW_QUERY_TYPE.STREAMING_RELATION_FOR_PERSISTED_VIEW)`,
            ),
          );
        }
      }
    }
    out.push(...appendOnlyDiagnostics(index, a, d.reads));
  }
  for (const f of a.flows) out.push(...flowTargetDiagnostics(index, a, f), ...appendOnlyDiagnostics(index, a, f.reads));
  const mine = new Map(a.datasets.map((d) => [d.key, d]));
  for (const cycle of index.graph.cycles()) {
    for (const member of cycle) {
      const d = mine.get(member);
      if (!d || index.definition(member) !== d) continue;
      const others = cycle.filter((m) => m !== member);
      const path =
        cycle.length === 1 ? `'${d.name}' reads itself` : `'${d.name}' is part of a cycle with ${others.map((m) => `'${m}'`).join(', ')}`;
      out.push(
        diagnostic('LF301', at(d.nameRange), `dataset graph cycle: ${path}`, {
          related: others.flatMap((m) => {
            const o = index.definition(m);
            return o ? [{ location: { file: o.file, range: o.nameRange }, message: `'${o.name}' is in the cycle` }] : [];
          }),
        }),
      );
    }
  }
  return out;
}

/** A batch read of a view whose own query streams is a streaming read (the view is inlined). */
function readsStreamingView(index: WorkspaceIndex, a: FileAnalysis, r: SourceRead, seen = new Set<string>()): boolean {
  const ref = r.reference === undefined ? undefined : a.references[r.reference];
  const res = ref && index.resolve(ref);
  if (!res || res.kind !== 'dataset' || seen.has(res.key)) return false;
  seen.add(res.key);
  const view = index.definition(res.key);
  if (!view || (view.kind !== 'temporary_view' && view.kind !== 'view')) return false;
  const own = index.analysis(view.file);
  return !!own && view.reads.some((vr) => vr.streaming || readsStreamingView(index, own, vr, seen));
}

/** STREAM(x) needs x append-only: not a materialized view, not an AUTO CDC target. */
function appendOnlyDiagnostics(index: WorkspaceIndex, a: FileAnalysis, reads: SourceRead[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of reads) {
    if (!r.streaming || r.reference === undefined) continue;
    const ref = a.references[r.reference];
    const res = ref && index.resolve(ref);
    if (!res || res.kind !== 'dataset') continue;
    const src = index.definition(res.key);
    const cdc = index.flowsInto(res.key).some((f) => f.kind === 'cdc');
    if (src?.kind === 'materialized_view' || cdc) {
      const what = cdc
        ? 'the target of an AUTO CDC flow (it updates and deletes rows)'
        : 'a materialized view (it is recomputed, not appended to)';
      out.push(
        diagnostic(
          'LF306',
          { file: a.file, range: ref.range },
          `STREAM(${ref.parts.join('.')}) reads ${what}; a streaming source must be append-only`,
        ),
      );
    }
  }
  return out;
}

function flowTargetDiagnostics(index: WorkspaceIndex, a: FileAnalysis, f: Flow): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (range: Flow['range']) => ({ file: a.file, range });
  const targetKey = index.flowTarget(f);
  const target = targetKey ? index.definition(targetKey) : undefined;
  if (f.targetKey && !target) {
    // The pipeline's Python sources (unseen here) may declare it.
    const python = index.pipeline.pythonSources;
    const message = python
      ? `flow target '${f.target}' is not declared in this pipeline's SQL; unless its Python sources declare it, add CREATE OR REFRESH STREAMING TABLE ${f.target};`
      : `flow target '${f.target}' is not declared; add CREATE OR REFRESH STREAMING TABLE ${f.target};`;
    out.push(diagnostic('LF307', at(f.targetRange), message, python ? { severity: 'warning' } : {}));
  }
  if (f.kind === 'cdc') {
    if (target && target.kind !== 'streaming_table') {
      out.push(
        diagnostic(
          'LF308',
          at(f.targetRange),
          `the AUTO CDC target '${f.target}' must be a streaming table, not a ${target.kind.replace('_', ' ')}`,
        ),
      );
    }
    // AUTO CDC ONCE and FROM SNAPSHOT read their source as a batch.
    for (const r of f.once || f.flowKind === 'auto_cdc_snapshot' ? [] : f.reads.filter((x) => !x.streaming)) {
      out.push(diagnostic('LF309', at(r.range), 'the AUTO CDC source must be read as a stream: write STREAM(source)'));
    }
    if (f.truncateRange && f.scdType === 2) {
      out.push(
        diagnostic(
          'LF310',
          at(f.truncateRange),
          'APPLY AS TRUNCATE WHEN is supported only with SCD type 1; remove it or store as SCD TYPE 1',
        ),
      );
    }
    return out;
  }
  const streaming = f.reads.filter((r) => r.streaming);
  if (f.once) {
    for (const r of streaming)
      out.push(
        diagnostic(
          'LF304',
          at(r.range),
          'an INSERT ONCE flow runs once as a batch; remove STREAM (INVALID_FLOW_QUERY_TYPE.STREAMING_RELATION_FOR_ONCE_FLOW)',
        ),
      );
  } else if (target?.kind === 'streaming_table' && streaming.length === 0) {
    out.push(
      diagnostic(
        'LF302',
        at(f.reads[0]?.range ?? f.targetRange),
        `the flow into streaming table '${f.target}' reads only batch sources; read a source with STREAM(...) or write INSERT ONCE (INVALID_FLOW_QUERY_TYPE.BATCH_RELATION_FOR_STREAMING_TABLE)`,
      ),
    );
  }
  return out;
}
