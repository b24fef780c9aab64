// A small glob matcher for bundle `include` and `libraries.glob` patterns:
// `**` (any depth, including none), `*` and `?` (within one segment), `[...]`
// classes and `{a,b}` alternatives. Patterns and paths are normalized first.
import { normalizePath } from './paths';

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}

/** Compiles a glob to an anchored RegExp; never throws (bad classes match literally). */
export function globToRegExp(glob: string): RegExp {
  const g = normalizePath(glob);
  let re = '';
  let braceDepth = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atSegmentStart = i === 0 || g[i - 1] === '/';
        let j = i + 2;
        while (g[j] === '*') j++;
        if (atSegmentStart && (j === g.length || g[j] === '/')) {
          // '**/' matches zero or more whole segments; a trailing '**' matches everything below.
          re += j === g.length ? '.*' : '(?:[^/]*/)*';
          i = j === g.length ? j - 1 : j;
          continue;
        }
        i = j - 1;
      }
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = g.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = g.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else if (c === '{') {
      braceDepth++;
      re += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      re += ')';
    } else if (c === ',' && braceDepth > 0) {
      re += '|';
    } else {
      re += escapeRegex(c);
    }
  }
  re += ')'.repeat(braceDepth);
  try {
    return new RegExp('^' + re + '$');
  } catch {
    return new RegExp('^' + g.split('').map(escapeRegex).join('') + '$');
  }
}
