// Quick fixes whose edit is worked out from the document rather than carried
// by the diagnostic: removing STREAM where a batch read is required
// (LF303/LF304/LF305), the two valid ON VIOLATION actions (LF404), adding a
// missing `${key}` to the bundle's pipeline configuration (LF501), and creating
// an undefined dataset as a stub file beside the file that reads it (LF201).
import type { Diagnostic } from './diagnostics/diagnostic';
import type { Range } from '../model/location';
import type { Token } from '../syntax/tokens';
import type { FeatureContext, SyntaxDocument } from './featureContext';
import type { CodeAction, TextEdit } from './lspShapes';

const isWord = (t: Token | undefined, w: string) => !!t && t.kind === 'word' && t.upper === w;
const isOp = (t: Token | undefined, op: string) => !!t && t.kind === 'op' && t.text === op;

/** The edits that turn `STREAM(x)` into `x` and `STREAM read_files(...)` into `read_files(...)` at `range`. */
export function removeStreamEdits(doc: SyntaxDocument, range: Range): TextEdit[] | undefined {
  const tokens = doc.parsed.tokens;
  const start = doc.lines.offsetAt(range.start);
  const end = doc.lines.offsetAt(range.end);
  // STREAM is the read's first word, or the word right before it.
  let i = tokens.findIndex((t) => t.start >= start && t.start < Math.max(end, start + 1));
  if (i < 0) return undefined;
  if (!isWord(tokens[i], 'STREAM')) {
    const before = tokens
      .slice(0, i)
      .reverse()
      .find((t) => t.kind !== 'eof');
    if (!isWord(before, 'STREAM')) return undefined;
    i = tokens.indexOf(before!);
  }
  const stream = tokens[i];
  const next = tokens[i + 1];
  const pos = (offset: number) => doc.lines.positionAt(offset);
  if (isOp(next, '(')) {
    let depth = 0;
    for (let k = i + 1; k < tokens.length; k++) {
      if (isOp(tokens[k], '(')) depth++;
      else if (isOp(tokens[k], ')') && --depth === 0) {
        return [
          { range: { start: pos(stream.start), end: pos(next.end) }, newText: '' },
          { range: { start: pos(tokens[k].start), end: pos(tokens[k].end) }, newText: '' },
        ];
      }
    }
    return undefined;
  }
  // `STREAM name` / `STREAM read_files(...)`: the keyword and the space after it.
  return next ? [{ range: { start: pos(stream.start), end: pos(next.start) }, newText: '' }] : undefined;
}

export function removeStream(doc: SyntaxDocument, d: Diagnostic): CodeAction | undefined {
  if (/cloud_files/.test(d.message)) return undefined; // cloud_files has no STREAM to remove
  const edits = removeStreamEdits(doc, d.range);
  if (!edits) return undefined;
  return {
    title: 'Read the source as a batch: remove STREAM',
    kind: 'quickfix',
    diagnosticCodes: [d.code],
    isPreferred: true,
    edit: { changes: { [doc.file]: edits } },
  };
}

export function violationActions(doc: SyntaxDocument, d: Diagnostic): CodeAction[] {
  return ['DROP ROW', 'FAIL UPDATE'].map((action, i) => ({
    title: `Use ON VIOLATION ${action}`,
    kind: 'quickfix' as const,
    diagnosticCodes: [d.code],
    ...(i === 0 ? { isPreferred: true } : {}),
    edit: { changes: { [doc.file]: [{ range: d.range, newText: action }] } },
  }));
}

/** `key: ""` added under the pipeline's `configuration` in the bundle, beside the keys already there. */
export function addConfigurationKey(ctx: FeatureContext, d: Diagnostic): CodeAction | undefined {
  const key = /'\$\{([^}]+)\}'/.exec(d.message)?.[1];
  const known = [...(ctx.configurationLocations?.values() ?? [])];
  if (!key || known.length === 0) return undefined;
  const last = known.reduce((a, b) => (b.range.start.line > a.range.start.line ? b : a));
  if (known.some((l) => l.file !== last.file)) return undefined;
  const indent = ' '.repeat(last.range.start.character);
  return {
    title: `Add '${key}' to the pipeline configuration`,
    kind: 'quickfix',
    diagnosticCodes: [d.code],
    edit: {
      changes: {
        [last.file]: [
          {
            range: { start: { line: last.range.start.line + 1, character: 0 }, end: { line: last.range.start.line + 1, character: 0 } },
            newText: `${indent}${key}: ""\n`,
          },
        ],
      },
    },
  };
}

/** A new file `<name>.sql` beside the reading file, declaring the dataset the read expects. */
export function createDatasetStub(doc: SyntaxDocument, d: Diagnostic): CodeAction | undefined {
  const name = /^'([A-Za-z_][\w]*)'/.exec(d.message)?.[1];
  if (!name) return undefined;
  const folder = doc.file.slice(0, doc.file.lastIndexOf('/') + 1);
  const file = `${folder}${name}.sql`;
  const startOffset = doc.lines.offsetAt(d.range.start);
  const streaming = /STREAM\s*\(?\s*(LIVE\.)?$/i.test(doc.text.slice(Math.max(0, startOffset - 16), startOffset));
  const text = streaming
    ? `-- ${name}: declared by a quick fix; give it a query or write flows into it.\nCREATE OR REFRESH STREAMING TABLE ${name};\n`
    : `-- ${name}: declared by a quick fix; replace the query with the dataset's own.\nCREATE OR REFRESH MATERIALIZED VIEW ${name}\nAS SELECT 1 AS placeholder;\n`;
  return {
    title: `Create dataset '${name}' in ${file.slice(folder.length)}`,
    kind: 'quickfix',
    diagnosticCodes: [d.code],
    edit: { changes: {}, createFiles: [{ file, text }] },
  };
}
