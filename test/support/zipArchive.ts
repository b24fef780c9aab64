// Just enough of the zip format to read a .vsix in tests without an `unzip`
// program: the central directory's entries, and an entry's bytes (stored or
// deflated). No zip64: packages here are far below 4 GB.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  size: number;
  compressedSize: number;
  method: number;
  localHeader: number;
}

export class ZipArchive {
  private readonly data: Buffer;
  readonly entries: ZipEntry[] = [];

  constructor(file: string) {
    this.data = readFileSync(file);
    const eocd = this.data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${file} is not a zip archive`);
    const count = this.data.readUInt16LE(eocd + 10);
    let at = this.data.readUInt32LE(eocd + 16);
    for (let i = 0; i < count; i++) {
      if (this.data.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
      const nameLength = this.data.readUInt16LE(at + 28);
      const extraLength = this.data.readUInt16LE(at + 30);
      const commentLength = this.data.readUInt16LE(at + 32);
      this.entries.push({
        method: this.data.readUInt16LE(at + 10),
        compressedSize: this.data.readUInt32LE(at + 20),
        size: this.data.readUInt32LE(at + 24),
        localHeader: this.data.readUInt32LE(at + 42),
        name: this.data.toString('utf8', at + 46, at + 46 + nameLength),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  read(name: string): Buffer {
    const e = this.entries.find((x) => x.name === name);
    if (!e) throw new Error(`no entry ${name}`);
    const start = e.localHeader + 30 + this.data.readUInt16LE(e.localHeader + 26) + this.data.readUInt16LE(e.localHeader + 28);
    const raw = this.data.subarray(start, start + e.compressedSize);
    return e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw);
  }
}
