// Path arithmetic on the strings the model uses as file ids: posix paths
// ('/repo/pipelines/a.sql') or URIs ('file:///repo/pipelines/a.sql'). Pure
// string work, so the model never needs the file system to place a file.

/** Splits 'scheme://authority' (kept verbatim) from the path part. */
function splitPrefix(p: string): [string, string] {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/.exec(p);
  return m ? [m[0], p.slice(m[0].length)] : ['', p];
}

/** Collapses '.', '..' and repeated separators; backslashes count as separators. */
export function normalizePath(p: string): string {
  const [prefix, rest] = splitPrefix(p.replace(/\\/g, '/'));
  const absolute = rest.startsWith('/');
  const out: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  const body = out.join('/');
  return prefix + (absolute ? '/' + body : body || '.');
}

export function dirname(p: string): string {
  const n = normalizePath(p);
  const [prefix, rest] = splitPrefix(n);
  const i = rest.lastIndexOf('/');
  if (i < 0) return prefix ? prefix + '/' : '.';
  return prefix + (i === 0 ? '/' : rest.slice(0, i));
}

export function basename(p: string): string {
  const n = normalizePath(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(p) || /^[a-zA-Z]:[\\/]/.test(p);
}

/** `base` is a directory; `rel` is joined to it unless already absolute. */
export function resolvePath(base: string, rel: string): string {
  return normalizePath(isAbsolute(rel) ? rel : `${base}/${rel}`);
}
