// How files reach the pure model: the language server hands in open documents
// and its workspace listing, the CLI hands in the disk. Nothing here reads files.
export interface FileProvider {
  /** The file's text, or undefined when there is no such file. */
  readText(file: string): string | undefined;
  /** Every file below directory `dir` (recursively), as file ids. */
  listFiles(dir: string): readonly string[];
}

/** A provider over an in-memory map of file id -> text (tests, the LSP's open documents). */
export function memoryFileProvider(files: ReadonlyMap<string, string> | Record<string, string>): FileProvider {
  const map: ReadonlyMap<string, string> =
    files instanceof Map ? (files as ReadonlyMap<string, string>) : new Map(Object.entries(files as Record<string, string>));
  return {
    readText: (file) => map.get(file),
    listFiles: (dir) => {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      return [...map.keys()].filter((f) => f.startsWith(prefix)).sort();
    },
  };
}
