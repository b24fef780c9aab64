// Quick fixes for mechanical findings: the edits diagnostics carry (drop the
// deprecated `LIVE.` prefix, modern dataset spelling, PRIVATE for TEMPORARY,
// the did-you-mean names of LF201/LF205/LF401, DROP ROW for LF409),
// wrapping the batch sources of a streaming table or an AUTO CDC flow in
// STREAM(), declaring a flow's missing target, renaming a duplicate
// expectation, and those of moreQuickFixes.ts; `fixAll` gathers the safe ones.
import type { Diagnostic, QuickFix } from './diagnostics/diagnostic';
import type { Range } from '../model/location';
import { comparePositions, rangeContains } from '../model/location';
import type { FeatureContext, SyntaxDocument } from './featureContext';
import type { CodeAction, TextEdit } from './lspShapes';
import { addConfigurationKey, createDatasetStub, removeStream, violationActions } from './moreQuickFixes';

function intersects(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

export function codeActions(ctx: FeatureContext, doc: SyntaxDocument, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.file !== doc.file || !intersects(d.range, range)) continue;
    if (d.fix) {
      out.push(fixAction(d, d.fix, true));
      for (const f of d.alternativeFixes ?? []) out.push(fixAction(d, f, false));
    } else if (d.code === 'LF302' || d.code === 'LF309') {
      const action = wrapInStream(ctx, doc, d);
      if (action) out.push(action);
    } else if (d.code === 'LF402') {
      const action = renameDuplicateExpectation(ctx, doc, d);
      if (action) out.push(action);
    } else if (d.code === 'LF307') {
      const action = declareFlowTarget(ctx, doc, d);
      if (action) out.push(action);
    } else if (d.code === 'LF303' || d.code === 'LF304' || d.code === 'LF305') {
      const action = removeStream(doc, d);
      if (action) out.push(action);
    } else if (d.code === 'LF404') {
      out.push(...violationActions(doc, d));
    } else if (d.code === 'LF501') {
      const action = addConfigurationKey(ctx, d);
      if (action) out.push(action);
    }
    if (d.code === 'LF201') {
      const action = createDatasetStub(doc, d);
      if (action) out.push(action);
    }
  }
  return out;
}

/** Codes whose preferred fix only restates what the author wrote in its current form: applied by source.fixAll. */
const SAFE_FIXES = new Set(['LF102', 'LF104', 'LF204', 'LF303', 'LF304', 'LF305']);

/**
 * `source.fixAll`: every safe preferred fix of the document in one edit
 * (overlapping edits after the first are left for the next pass).
 */
export function fixAll(ctx: FeatureContext, doc: SyntaxDocument, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
  const whole = { start: { line: 0, character: 0 }, end: doc.lines.positionAt(doc.text.length) };
  const safe = diagnostics.filter((d) => d.file === doc.file && SAFE_FIXES.has(d.code));
  const edits: TextEdit[] = [];
  const codes = new Set<string>();
  for (const a of codeActions(ctx, doc, whole, safe)) {
    if (!a.isPreferred) continue;
    const mine = a.edit.changes[doc.file] ?? [];
    if (mine.some((e) => edits.some((x) => intersects(e.range, x.range)))) continue;
    edits.push(...mine);
    for (const c of a.diagnosticCodes) codes.add(c);
  }
  if (edits.length === 0) return undefined;
  return {
    title: 'Fix all safe Lakeflow findings',
    kind: 'source.fixAll',
    diagnosticCodes: [...codes],
    edit: { changes: { [doc.file]: edits } },
  };
}

function fixAction(d: Diagnostic, fix: QuickFix, preferred: boolean): CodeAction {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of fix.edits) (changes[e.file] ??= []).push({ range: e.range, newText: e.newText });
  return { title: fix.title, kind: 'quickfix', diagnosticCodes: [d.code], ...(preferred ? { isPreferred: true } : {}), edit: { changes } };
}

function wrapInStream(ctx: FeatureContext, doc: SyntaxDocument, d: Diagnostic): CodeAction | undefined {
  const a = ctx.index.analysis(doc.file);
  const ds = a?.datasets.find((x) => rangeContains(x.range, d.range.start));
  const reads = ds ? ds.reads : (a?.flows.find((f) => rangeContains(f.range, d.range.start))?.reads ?? []);
  const edits: TextEdit[] = [];
  for (const r of reads) {
    if (r.streaming) continue;
    if (r.files || r.reference === undefined) {
      // A file source or any other table-valued function: STREAM goes before the call.
      edits.push({ range: { start: r.range.start, end: r.range.start }, newText: 'STREAM ' });
      continue;
    }
    const ref = r.reference === undefined ? undefined : a?.references[r.reference];
    if (!ref) continue;
    const text = doc.text.slice(doc.lines.offsetAt(ref.range.start), doc.lines.offsetAt(ref.range.end));
    edits.push({ range: ref.range, newText: `STREAM(${text})` });
  }
  if (edits.length === 0) return undefined;
  return {
    title: edits.length === 1 ? 'Read the source as a stream: wrap it in STREAM()' : 'Read the sources as streams: wrap them in STREAM()',
    kind: 'quickfix',
    diagnosticCodes: [d.code],
    isPreferred: true,
    edit: { changes: { [doc.file]: edits } },
  };
}

function renameDuplicateExpectation(ctx: FeatureContext, doc: SyntaxDocument, d: Diagnostic): CodeAction | undefined {
  const ds = ctx.index.analysis(doc.file)?.datasets.find((x) => rangeContains(x.range, d.range.start));
  const e = ds?.expectations.find((x) => comparePositions(x.nameRange.start, d.range.start) === 0);
  if (!ds || !e) return undefined;
  const taken = new Set(ds.expectations.map((x) => x.name.toLowerCase()));
  let n = 2;
  while (taken.has(`${e.name}_${n}`.toLowerCase())) n++;
  const name = `${e.name}_${n}`;
  return {
    title: `Rename the duplicate expectation to '${name}'`,
    kind: 'quickfix',
    diagnosticCodes: [d.code],
    edit: { changes: { [doc.file]: [{ range: e.nameRange, newText: name }] } },
  };
}

/** `CREATE OR REFRESH STREAMING TABLE t;` written right above the flow that writes into the undeclared `t`. */
function declareFlowTarget(ctx: FeatureContext, doc: SyntaxDocument, d: Diagnostic): CodeAction | undefined {
  const flow = ctx.index.analysis(doc.file)?.flows.find((f) => comparePositions(f.targetRange.start, d.range.start) === 0);
  if (!flow) return undefined;
  const at = { line: flow.range.start.line, character: 0 };
  const indent = doc.text.slice(doc.lines.offsetAt(at), doc.lines.offsetAt(flow.range.start));
  const newText = `CREATE OR REFRESH STREAMING TABLE ${flow.target};\n\n${indent}`;
  return {
    title: `Declare streaming table '${flow.target}'`,
    kind: 'quickfix',
    diagnosticCodes: [d.code],
    isPreferred: true,
    edit: { changes: { [doc.file]: [{ range: { start: flow.range.start, end: flow.range.start }, newText }] } },
  };
}
