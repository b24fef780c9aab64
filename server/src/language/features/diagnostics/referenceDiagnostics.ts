// LF2xx: dataset references that resolve to nothing, duplicate definitions,
// the deprecated LIVE. prefix, and column references no source provides.
import { FileAnalysis } from '../../model/datasetTypes';
import { ColumnRef } from '../../model/queryShape';
import { WorkspaceIndex } from '../../model/workspaceIndex';
import { Diagnostic, diagnostic } from './diagnostic';

export function referenceDiagnostics(index: WorkspaceIndex, a: FileAnalysis): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ref of a.references) {
    const at = { file: a.file, range: ref.range };
    const written = ref.parts.join('.');
    if (ref.livePrefix) {
      const range = ref.livePrefix;
      out.push(
        diagnostic('LF204', { file: a.file, range }, `the LIVE. prefix is deprecated: '${written}' resolves to the pipeline's own dataset without it`, {
          tags: ['deprecated'],
          fix: { title: "Remove 'LIVE.'", edits: [{ file: a.file, range, newText: '' }] },
        }),
      );
    }
    const r = index.resolve(ref);
    if (r.kind === 'dataset') continue;
    const fullName = r.fullName;
    const known = fullName ? index.catalog(fullName) : 'unknown';
    if (known !== 'unknown' && known !== undefined) continue;
    if (known === undefined && fullName) {
      out.push(diagnostic('LF202', at, `'${written}' is not a dataset of this pipeline and the catalog has no table '${fullName}'`));
    } else if (r.kind === 'unresolved') {
      out.push(diagnostic('LF201', at, `'${written}' is not defined in this pipeline`));
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
    for (const c of unknown) out.push(diagnostic('LF205', { file: a.file, range: c.range }, unknownColumnMessage(c)));
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

/** `x.unit` with no relation `x`: say that `x` is neither an alias nor a struct column, not just "column x". */
function unknownColumnMessage(c: ColumnRef): string {
  if (c.fields?.length) {
    const written = [c.display, ...c.fields].join('.');
    return `'${c.display}' in '${written}' is neither a table or alias of this query nor a column of its sources`;
  }
  return `column '${c.display}' is not provided by the sources of this query`;
}
