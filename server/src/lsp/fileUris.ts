// File ids in the model are absolute paths with forward slashes (as the CLI
// uses); the protocol speaks URIs. Only this module converts between them.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function fileOfUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    return uri;
  }
}

export function uriOfFile(file: string): string {
  return /^[A-Za-z]:\/|^\//.test(file) ? pathToFileURL(file).href : file;
}
