// Test-input markers shared by every language-layer test: a `|` cursor and
// `[[...]]` ranges are cut out of the text and returned as offsets.
//
//   const { text, cursor, ranges } = markers('SELECT [[a]] FROM |t');
//   // text 'SELECT a FROM t', cursor 14, ranges [{start: 7, end: 8}]
//
// SQL uses `|` and `||` as operators: pass another cursor marker
// (`markers(src, { cursor: '$0' })`) when the text needs them. Only the first
// cursor marker counts; ranges may nest.

export interface Marked {
  text: string;
  /** Offset of the cursor marker, or undefined when there is none. */
  cursor: number | undefined;
  /** `[[...]]` ranges in order of their opening marker. */
  ranges: { start: number; end: number }[];
}

export function markers(source: string, options: { cursor?: string } = {}): Marked {
  const cursorMark = options.cursor ?? '|';
  let text = '';
  let cursor: number | undefined;
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('[[', i)) {
      open.push(ranges.length);
      ranges.push({ start: text.length, end: -1 });
      i += 2;
    } else if (source.startsWith(']]', i) && open.length > 0) {
      ranges[open.pop()!].end = text.length;
      i += 2;
    } else if (cursor === undefined && source.startsWith(cursorMark, i)) {
      cursor = text.length;
      i += cursorMark.length;
    } else {
      text += source[i];
      i++;
    }
  }
  if (open.length > 0) throw new Error(`markers: unclosed [[ in ${JSON.stringify(source)}`);
  return { text, cursor, ranges };
}

/** The text a span covers, for readable assertions. */
export function slice(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}
