// Unity Catalog volume paths inside the strings pipelines read files from: the
// first argument of read_files(...) / cloud_files(...) and the path after LIST.
// Completion of the `/Volumes/<catalog>/<schema>/<volume>/` segments, hover with
// the volume's type, storage location and comment, and LF206 when the catalog,
// schema or volume of a literal path does not exist (after the pipeline's
// `${key}` values of the bundle target are substituted). Everything answers from
// the provider's cache at once and asks it for what is missing, like tables.
import { LineIndex } from '../syntax/lineIndex';
import { tokenize } from '../syntax/tokenizer';
import type { Token } from '../syntax/tokens';
import type { FileAnalysis } from '../model/datasetTypes';
import { PipelineContext, substituteParameters } from '../model/pipelineContext';
import type { WorkspaceIndex } from '../model/workspaceIndex';
import { Diagnostic, diagnostic } from './diagnostics/diagnostic';
import type { FeatureContext, SyntaxDocument } from './featureContext';
import { CompletionItem, CompletionKind, CompletionList, Hover, Range } from './lspShapes';
import type { Position } from '../model/location';

export const VOLUMES_ROOT = '/Volumes/';

/** A string literal holding a file path, with the offsets of its text between the quotes. */
interface PathString {
  readonly token: Token;
  readonly contentStart: number;
  readonly contentEnd: number;
}

/** The `/Volumes/...` segments of a path after `${key}` substitution, and where they are written. */
interface VolumePath {
  readonly resolved: string[];
  /** Offsets of each segment as written; the whole string when a `${key}` value holds slashes (e.g. `${source_root}/x`). */
  readonly spans: { start: number; end: number }[];
  /** Where the last (partial) segment starts in the text as written. */
  readonly lastStart: number;
}

const isWord = (t: Token | undefined, ...words: string[]) => !!t && t.kind === 'word' && words.includes(t.upper);
const isOp = (t: Token | undefined, op: string) => !!t && t.kind === 'op' && t.text === op;

/** The first argument of read_files / cloud_files, or the string after LIST. */
function isPathPosition(tokens: readonly Token[], i: number): boolean {
  if (isWord(tokens[i - 1], 'LIST')) return true;
  return isOp(tokens[i - 1], '(') && isWord(tokens[i - 2], 'READ_FILES', 'CLOUD_FILES');
}

function pathString(tokens: readonly Token[], i: number): PathString | undefined {
  const t = tokens[i];
  if (t?.kind !== 'string' || !isPathPosition(tokens, i)) return undefined;
  const open = t.raw ? 2 : 1;
  const quote = t.text[open - 1];
  const closed = t.text.length > open && t.text.endsWith(quote);
  return { token: t, contentStart: t.start + open, contentEnd: closed ? t.end - 1 : t.end };
}

/** The path string whose text holds `offset` (an unclosed string counts up to its end). */
function pathStringAt(tokens: readonly Token[], offset: number): PathString | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.start >= offset) return undefined;
    if (t.kind !== 'string' || offset > t.end) continue;
    const p = pathString(tokens, i);
    return p && p.contentStart <= offset && offset <= p.contentEnd ? p : undefined;
  }
  return undefined;
}

/** Splits the text of a path string (from `start`) into its segments below /Volumes/, after substitution; undefined for other paths. */
function volumePath(text: string, start: number, pipeline: PipelineContext): VolumePath | undefined {
  const resolvedText = substituteParameters(text, pipeline);
  if (!resolvedText.startsWith(VOLUMES_ROOT)) return undefined;
  const resolved = resolvedText.slice(VOLUMES_ROOT.length).split('/');
  const written = text.slice(VOLUMES_ROOT.length).split('/');
  const aligned = text.startsWith(VOLUMES_ROOT) && written.length === resolved.length;
  const spans: { start: number; end: number }[] = [];
  let at = start + VOLUMES_ROOT.length;
  for (let k = 0; k < resolved.length; k++) {
    spans.push(aligned ? { start: at, end: at + written[k].length } : { start, end: start + text.length });
    if (aligned) at += written[k].length + 1;
  }
  return { resolved, spans, lastStart: start + text.lastIndexOf('/') + 1 };
}

/** A catalog, schema or volume name that can be looked up: no `${...}` left, no glob. */
function isPlainName(name: string): boolean {
  return name !== '' && !name.includes('${') && !/[*?[\]{}]/.test(name);
}

// ------------------------------------------------------------ completion

/** Completion inside a read_files / cloud_files / LIST path string; undefined when the cursor is not in one. */
export function volumePathCompletion(ctx: FeatureContext, doc: SyntaxDocument, offset: number): CompletionList | undefined {
  const p = pathStringAt(doc.parsed.tokens, offset);
  if (!p) return undefined;
  const typed = doc.text.slice(p.contentStart, offset);
  const range = (from: number): Range => ({ start: doc.lines.positionAt(from), end: doc.lines.positionAt(offset) });
  if (!typed.startsWith(VOLUMES_ROOT) && VOLUMES_ROOT.startsWith(typed)) {
    return {
      isIncomplete: false,
      items: [
        {
          label: VOLUMES_ROOT,
          kind: CompletionKind.Folder,
          detail: 'Unity Catalog volumes',
          sortText: '0',
          textEdit: { range: range(p.contentStart), newText: VOLUMES_ROOT },
          command: RETRIGGER,
        },
      ],
    };
  }
  const path = volumePath(typed, p.contentStart, ctx.index.pipeline);
  const catalog = ctx.catalog;
  if (!path || !catalog || path.resolved.length > 3) return { isIncomplete: false, items: [] };
  const qualifiers = path.resolved.slice(0, -1);
  if (!qualifiers.every(isPlainName)) return { isIncomplete: false, items: [] };
  const replace = range(path.lastStart);
  const segment = (label: string, kind: number, detail: string, documentation?: string): CompletionItem => ({
    label,
    kind,
    detail,
    sortText: '0' + label.toLowerCase(),
    textEdit: { range: replace, newText: label + '/' },
    command: RETRIGGER,
    ...(documentation ? { documentation: { kind: 'markdown', value: documentation } } : {}),
  });
  let incomplete = false;
  const known = <T>(cached: { value: T; fresh: boolean } | undefined, ask: () => unknown): T | undefined => {
    if (!cached?.fresh) {
      void ask();
      incomplete ||= !cached;
    }
    return cached?.value;
  };
  let items: CompletionItem[] = [];
  if (qualifiers.length === 0) {
    items = (known(catalog.peekCatalogs(), () => catalog.listCatalogs()) ?? []).map((c) =>
      segment(c.name, CompletionKind.Module, 'Unity Catalog catalog', c.comment),
    );
  } else if (qualifiers.length === 1) {
    items = (known(catalog.peekSchemas(qualifiers[0]), () => catalog.listSchemas(qualifiers[0])) ?? []).map((s) =>
      segment(s.name, CompletionKind.Folder, `schema in ${s.catalogName}`, s.comment),
    );
  } else if (catalog.peekVolumes && catalog.listVolumes) {
    const [c, s] = qualifiers;
    const volumes = known(catalog.peekVolumes(c, s), () => catalog.listVolumes!(c, s)) ?? [];
    items = volumes.map((v) =>
      segment(v.name, CompletionKind.Folder, `${v.volumeType.toLowerCase() || 'unity catalog'} volume`, volumeDetails(v)),
    );
  }
  return { isIncomplete: incomplete, items };
}

/** After a segment is inserted, VS Code is asked to complete the next one. */
const RETRIGGER = { title: 'Next path segment', command: 'editor.action.triggerSuggest' };

function volumeDetails(v: { comment?: string; storageLocation?: string }): string | undefined {
  const lines = [...(v.comment ? [v.comment] : []), ...(v.storageLocation ? [`Storage location: \`${v.storageLocation}\``] : [])];
  return lines.length > 0 ? lines.join('\n\n') : undefined;
}

// ------------------------------------------------------------ hover

/** Hover on a `/Volumes/...` path string: the volume's type, storage location and comment. */
export function volumePathHover(ctx: FeatureContext, doc: SyntaxDocument, position: Position): Hover | undefined {
  const offset = doc.lines.offsetAt(position);
  const p = ctx.catalog ? pathStringAt(doc.parsed.tokens, offset) : undefined;
  if (!p || insideParameter(doc.text.slice(p.contentStart, p.contentEnd), offset - p.contentStart)) return undefined;
  const path = volumePath(doc.text.slice(p.contentStart, p.contentEnd), p.contentStart, ctx.index.pipeline);
  if (!path || path.resolved.length < 3 || !path.resolved.slice(0, 3).every(isPlainName)) return undefined;
  const fullName = path.resolved.slice(0, 3).join('.');
  const range = doc.lines.rangeOf({ start: p.token.start, end: p.token.end });
  const catalog = ctx.catalog;
  const lines: string[] = [];
  const cached = catalog?.peekVolume?.(fullName);
  if (catalog?.getVolume && !cached?.fresh) void catalog.getVolume(fullName);
  const volume = cached?.value;
  if (volume) {
    lines.push(`**${volume.fullName}** · Unity Catalog volume${volume.volumeType ? ` (${volume.volumeType.toLowerCase()})` : ''}`);
    const details = volumeDetails(volume);
    if (details) lines.push('', details);
  } else {
    lines.push(`**${fullName}** · Unity Catalog volume`, '');
    if (volume === null) lines.push(`_the catalog has no volume \`${fullName}\`_`);
    else lines.push(`_volume details unknown (catalog: ${catalog?.state.message ?? 'not configured'})_`);
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range };
}

/** The cursor is on a `${key}` piece: its own hover (the configured value) wins. */
function insideParameter(text: string, at: number): boolean {
  for (const m of text.matchAll(/\$\{[^}]*\}/g)) if (m.index <= at && at <= m.index + m[0].length) return true;
  return false;
}

// ------------------------------------------------------------ diagnostics

const LEVEL_INDEX = { catalog: 0, schema: 1, volume: 2 } as const;

/** LF206: a literal `/Volumes/<catalog>/<schema>/<volume>` path whose catalog, schema or volume the catalog does not have. */
export function volumePathDiagnostics(index: WorkspaceIndex, a: FileAnalysis): Diagnostic[] {
  const text = index.text(a.file);
  if (!text || !text.includes(VOLUMES_ROOT)) return [];
  const tokens = tokenize(text).tokens;
  let lines: LineIndex | undefined;
  const out: Diagnostic[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const p = pathString(tokens, i);
    if (!p) continue;
    const path = volumePath(text.slice(p.contentStart, p.contentEnd), p.contentStart, index.pipeline);
    if (!path || path.resolved.length < 3) continue;
    const [catalog, schema, volume] = path.resolved;
    if (![catalog, schema, volume].every(isPlainName)) continue;
    const check = index.volumes(catalog, schema, volume);
    if (check.kind !== 'missing') continue;
    const at = LEVEL_INDEX[check.level];
    const name = path.resolved.slice(0, at + 1).join('.');
    const raw = text.slice(p.contentStart, p.contentEnd);
    const substituted = raw !== substituteParameters(raw, index.pipeline);
    lines ??= new LineIndex(text);
    const range = lines.rangeOf(path.spans[at]);
    out.push(
      diagnostic(
        'LF206',
        { file: a.file, range },
        `Unity Catalog has no ${check.level} '${name}' (or does not show it to these credentials)` +
          (substituted ? `: the path reads ${VOLUMES_ROOT}${path.resolved.slice(0, 3).join('/')} with this target's values` : ''),
      ),
    );
  }
  return out;
}
