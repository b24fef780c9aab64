// One JSON-lines output file written as a stream: chunks go through a
// WriteStream and the caller waits for 'drain' when its buffer is full, so
// memory stays bounded by the high-water mark however large the file grows.
import { createWriteStream, WriteStream } from 'node:fs';

const HIGH_WATER_MARK = 4 * 1024 * 1024;

export class JsonLinesWriter {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  bytes = 0;
  records = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: HIGH_WATER_MARK });
    this.stream.on('error', (e) => (this.failure ??= e));
  }

  /** Writes lines; text is encoded once here, so what is counted is what is written. */
  /** `written` is called once the bytes are on their way to the file, so a buffer can be reused. */
  async write(chunk: string | Buffer, records: number, written?: () => void): Promise<void> {
    this.throwIfFailed();
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.bytes += bytes.length;
    this.records += records;
    if (!this.stream.write(bytes, () => written?.())) await this.settled('drain');
    this.throwIfFailed();
  }

  /** Flushes and closes the file; rejects if any write failed. */
  async close(): Promise<void> {
    if (!this.stream.closed) {
      const closed = this.settled('close');
      this.stream.end();
      await closed;
    }
    this.throwIfFailed();
  }

  /** Waits for `event`, or for the stream to close after an error. */
  private settled(event: 'drain' | 'close'): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off(event, done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.once(event, done);
      if (event !== 'close') this.stream.once('close', done);
    });
  }

  /** A write failed since the last check (the stream reports errors asynchronously). */
  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
