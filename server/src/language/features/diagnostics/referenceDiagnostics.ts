// LF2xx: dataset references that resolve to nothing, duplicate definitions,
// the deprecated LIVE. prefix, and column references no source provides.
import { datasetDisplayName, DatasetReference, FileAnalysis } from '../../model/datasetTypes';
import { ColumnRef } from '../../model/queryShape';
import { WorkspaceIndex } from '../../model/workspaceIndex';
import { Diagnostic, diagnostic, withFixes } from './diagnostic';
import { sqlName, suggestions } from './didYouMean';

export function referenceDiagnostics(index: WorkspaceIndex, a: FileAnalysis): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ref of a.references) {
    const at = { file: a.file, range: ref.range };
    const written = ref.parts.join('.');
    const r = index.resolve(ref);
    if (ref.livePrefix) {
      const range = ref.livePrefix;
      // Only a name the pipeline defines resolves without the prefix; an undefined one is reported below.
      const why =
        r.kind === 'dataset' ? `'${written}' resolves to the pipeline's own dataset without it` : 'write the dataset name without it';
      out.push(
        diagnostic('LF204', { file: a.file, range }, `the LIVE. prefix is deprecated: ${why}`, {
          tags: ['deprecated'],
          fix: { title: "Remove 'LIVE.'", edits: [{ file: a.file, range, newText: '' }] },
        }),
      );
    }
    if (r.kind === 'dataset') continue;
    if (ref.livePrefix) {
      // `LIVE.x` can only mean a dataset of this pipeline: the update fails without one,
      // unless the pipeline's Python sources (unseen here) define it.
      const { hint, fixes } = datasetSuggestions(index, a.file, ref);
      const python = index.pipeline.pythonSources;
      const message = python
        ? `'LIVE.${written}' is not defined in this pipeline's SQL; unless its Python sources define it, the update fails on it${hint}`
        : `'LIVE.${written}' names no dataset of this pipeline; the update fails on it${hint}`;
      out.push(diagnostic('LF201', at, message, { severity: python ? 'warning' : 'error', ...withFixes(fixes) }));
      continue;
    }
    const fullName = r.fullName;
    const known = fullName ? index.catalog(fullName) : 'unknown';
    if (known !== 'unknown' && known !== undefined) continue;
    if (known === undefined && fullName) {
      out.push(diagnostic('LF202', at, `'${written}' is not a dataset of this pipeline and the catalog has no table '${fullName}'`));
    } else if (r.kind === 'unresolved') {
      const { hint, fixes } = datasetSuggestions(index, a.file, ref);
      out.push(diagnostic('LF201', at, `'${written}' is not defined in this pipeline${hint}`, withFixes(fixes)));
    }
  }
  for (const d of a.datasets) {
    const all = index.definitionsOf(d.key);
    if (all.length > 1 && all[0] !== d) {
      out.push(
        diagnostic('LF203', { file: a.file, range: d.nameRange }, `dataset '${d.name}' is defined more than once in this pipeline`, {
          related: [{ location: { file: all[0].file, range: all[0].nameRange }, message: 'first definition' }],
        }),
      );
    }
  }
  const lineage = index.lineage();
  const report = (unknown: ColumnRef[]) => {
    for (const c of unknown) {
      const { hint, fixes } = suggestions(a.file, c.range, c.display, c.candidates ?? []);
      out.push(diagnostic('LF205', { file: a.file, range: c.range }, unknownColumnMessage(c) + hint, withFixes(fixes)));
    }
  };
  for (const d of a.datasets) {
    if (!d.query) continue;
    const unknown: ColumnRef[] = [];
    lineage.shapeColumns(d.query, a.file, new Map(), unknown);
    report(unknown);
  }
  for (const f of a.flows) {
    if (!f.query) continue;
    const unknown: ColumnRef[] = [];
    lineage.shapeColumns(f.query, a.file, new Map(), unknown);
    report(unknown);
  }
  return out;
}

/** The pipeline's datasets closest to an unknown name (not the dataset that reads it), written as they are defined. */
function datasetSuggestions(index: WorkspaceIndex, file: string, ref: DatasetReference) {
  const names = new Map<string, string>();
  for (const d of index.datasets()) if (d.key !== ref.consumer) names.set(datasetDisplayName(d), d.name);
  // A qualified name keeps its qualifier when the candidate lives in the pipeline's own schema.
  const qualifier = ref.parts.slice(0, -1);
  const written = (c: string) => (c.includes('.') ? c : [...qualifier, sqlName(c)].join('.'));
  return suggestions(file, ref.range, ref.parts[ref.parts.length - 1], names.keys(), written, (c) => names.get(c) ?? c);
}

/** `x.unit` with no relation `x`: say that `x` is neither an alias nor a struct column, not just "column x". */
function unknownColumnMessage(c: ColumnRef): string {
  if (c.fields?.length) {
    const written = [c.display, ...c.fields].join('.');
    return `'${c.display}' in '${written}' is neither a table or alias of this query nor a column of its sources`;
  }
  return `column '${c.display}' is not provided by the sources of this query`;
}
