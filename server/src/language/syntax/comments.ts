// Doc comments: the comment block written right above a statement (no blank
// line between), shown in hovers. Line comments on consecutive lines
// form one block; markers (`--`, `/*`, `*/`, leading `*`) are stripped.
import type { Comment } from './ast';

/**
 * The doc text for the node starting at `offset`, or undefined. `comments`
 * is `ParseResult.comments` (sorted by position).
 */
export function docCommentBefore(text: string, comments: Comment[], offset: number): string | undefined {
  let i = lastCommentBefore(comments, offset);
  if (i < 0 || !atMostOneLineBreak(text, comments[i].span.end, offset)) return undefined;
  const block: Comment[] = [comments[i]];
  if (!comments[i].block) {
    // Gather the line comments directly above, one per line, without blank lines between.
    while (i > 0 && !comments[i - 1].block && isSingleLineBreak(text, comments[i - 1].span.end, comments[i].span.start)) {
      i--;
      block.unshift(comments[i]);
    }
  }
  const lines = block.flatMap((c) => clean(c));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? lines.join('\n') : undefined;
}

function lastCommentBefore(comments: Comment[], offset: number): number {
  let lo = 0;
  let hi = comments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid].span.end <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A blank line detaches a comment from what follows. */
function atMostOneLineBreak(text: string, from: number, to: number): boolean {
  return /^[ \t]*(\r\n|\r|\n)?[ \t]*$/.test(text.slice(from, to));
}

function isSingleLineBreak(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to);
  return /^[ \t]*(\r\n|\r|\n)[ \t]*$/.test(between);
}

function clean(c: Comment): string[] {
  if (!c.block) return [c.text.replace(/^--\s?/, '').trimEnd()];
  const body = c.text.replace(/^\/\*+/, '').replace(/\*+\/$/, '');
  return body.split(/\r\n|\r|\n/).map((l) =>
    l
      .replace(/^\s*\*\s?/, '')
      .trimEnd()
      .replace(/^\s+/, ''),
  );
}
