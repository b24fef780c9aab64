// `[[...]]` range markers in test input: the text without the markers and the
// LSP ranges they enclosed, in order of appearance.
export interface MarkedText {
  text: string;
  ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[];
}

export function extractRanges(marked: string): MarkedText {
  let text = '';
  const ranges: MarkedText['ranges'] = [];
  const open: { line: number; character: number }[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < marked.length; i++) {
    if (marked.startsWith('[[', i)) {
      open.push({ line, character });
      i++;
      continue;
    }
    if (marked.startsWith(']]', i) && open.length > 0) {
      ranges.push({ start: open.pop()!, end: { line, character } });
      i++;
      continue;
    }
    const c = marked[i];
    text += c;
    if (c === '\n') (line++, (character = 0));
    else character++;
  }
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { text, ranges };
}
