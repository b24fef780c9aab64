// Follows the event log while a local run appends to it: reads what was added
// since the last look, hands over complete lines only (a line being written
// waits for the next read), and reads once more when stopped so nothing the
// run wrote at the end is missed. Polling, because file watchers are
// unreliable on network and container file systems and a run lasts seconds.
import { open, stat } from 'node:fs/promises';

export class EventLogTail {
  private offset: number;
  /** Bytes after the last newline: kept as bytes, so a character split across reads decodes whole. */
  private pending = Buffer.alloc(0);
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();

  /** `from`: the file size before the run started, so only this run's lines are read. */
  constructor(
    private readonly file: string,
    from: number,
    private readonly onLines: (lines: string[]) => void,
    private readonly intervalMs = 150,
  ) {
    this.offset = from;
  }

  /** Size of the file now, 0 when it does not exist yet. */
  static async sizeOf(file: string): Promise<number> {
    return stat(file).then(
      (s) => s.size,
      () => 0,
    );
  }

  start(): void {
    const tick = (): void => {
      this.reading = this.reading.then(() => this.read());
      void this.reading.then(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  /** Stops polling after a last read; a torn last line without its newline is handed over too. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.reading;
    await this.read();
    const rest = this.pending.toString('utf8');
    this.pending = Buffer.alloc(0);
    if (rest.trim()) this.onLines([rest]);
  }

  private async read(): Promise<void> {
    const size = await EventLogTail.sizeOf(this.file);
    if (size < this.offset) this.offset = 0; // The log was replaced: read the new one from the start.
    if (size === this.offset) return;
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(size - this.offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
      this.offset += bytesRead;
      const bytes = Buffer.concat([this.pending, buffer.subarray(0, bytesRead)]);
      const end = bytes.lastIndexOf(0x0a) + 1;
      this.pending = bytes.subarray(end);
      const complete = bytes
        .subarray(0, end)
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      if (complete.length) this.onLines(complete);
    } finally {
      await handle.close();
    }
  }
}
