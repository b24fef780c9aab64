// Spark formats dates with Java DateTimeFormatter patterns (`yyyy-MM-dd HH:mm`);
// DuckDB's strftime/strptime use C specifiers (`%Y-%m-%d %H:%M`). This converts
// one to the other at translation time, so a pattern must be a literal.

export type FormatConversion = { ok: true; strftime: string } | { ok: false; reason: string };

/** Pattern letter run -> strftime specifier; absent runs are not translatable. */
const letterRuns: Record<string, Record<number, string> & { more?: string }> = {
  y: { 1: '%Y', 2: '%y', 3: '%Y', 4: '%Y' },
  M: { 1: '%-m', 2: '%m', 3: '%b', 4: '%B' },
  L: { 1: '%-m', 2: '%m', 3: '%b', 4: '%B' },
  d: { 1: '%-d', 2: '%d' },
  D: { 1: '%-j', 3: '%j' },
  H: { 1: '%-H', 2: '%H' },
  h: { 1: '%-I', 2: '%I' },
  m: { 1: '%-M', 2: '%M' },
  s: { 1: '%-S', 2: '%S' },
  S: { 3: '%g', 6: '%f', 9: '%n' },
  E: { 1: '%a', 2: '%a', 3: '%a', 4: '%A' },
  a: { 1: '%p' },
  z: { 1: '%Z', 2: '%Z', 3: '%Z' },
  Z: { 1: '%z', 2: '%z', 3: '%z' },
  X: { 1: '%z', 2: '%z', 3: '%z' },
  x: { 1: '%z', 2: '%z', 3: '%z' },
};

export function javaToStrftime(pattern: string): FormatConversion {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      // Quoted literal text; '' is a single quote.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) return { ok: false, reason: `unterminated quote in date pattern '${pattern}'` };
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else text += pattern[j++];
      }
      out += text.replace(/%/g, '%%');
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      const run = j - i;
      const spec = letterRuns[c]?.[run];
      if (!spec) return { ok: false, reason: `date pattern letter '${c.repeat(run)}' in '${pattern}' has no DuckDB equivalent` };
      out += spec;
      i = j;
      continue;
    }
    out += c === '%' ? '%%' : c;
    i++;
  }
  return { ok: true, strftime: out };
}
