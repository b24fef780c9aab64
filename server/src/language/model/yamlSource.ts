// One parsed YAML file with the helpers the bundle reader needs: typed access
// to map entries and the source location of any node.
import { Document, isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { Location, Range } from './location';

export class YamlSource {
  readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: false });
  }

  rangeOf(start: number, end: number): Range {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(start, end));
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  }

  locationOf(node: unknown): Location {
    const r = (node as Node | undefined)?.range;
    return { file: this.file, range: r ? this.rangeOf(r[0], r[1]) : this.rangeOf(0, 0) };
  }

  /** Syntax errors with their positions. */
  errors(): { message: string; location: Location }[] {
    return this.doc.errors.map((e) => ({
      message: e.message.split('\n')[0],
      location: { file: this.file, range: this.rangeOf(e.pos[0], e.pos[1]) },
    }));
  }

  get root(): unknown {
    return this.doc.contents;
  }
}

/** Entries of a YAML map as [key string, key node, value node]; empty for anything else. */
export function mapEntries(node: unknown): [string, unknown, unknown][] {
  if (!isMap(node)) return [];
  return node.items.map((p) => [isScalar(p.key) ? String(p.key.value) : String(p.key), p.key, p.value]);
}

export function mapGet(node: unknown, key: string): unknown {
  for (const [k, , v] of mapEntries(node)) if (k === key) return v;
  return undefined;
}

export function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

/** The scalar's value as a string (numbers and booleans too), or undefined. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}
