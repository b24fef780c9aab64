// A tiny test runner for the extension host (no mocha): each *.test file
// exports `register(h)` and adds tests with `h.test(name, fn)`; `runRegistered()` runs them in order, prints `ok` /
// `not ok` lines and a final `N passed, N failed` line, and rejects when any
// failed (so the extension host exits non-zero).
export type TestFn = () => unknown;

interface Registered {
  name: string;
  fn: TestFn;
}

export class Harness {
  private readonly tests: Registered[] = [];
  private prefix = '';

  test(name: string, fn: TestFn): void {
    this.tests.push({ name: this.prefix + name, fn });
  }

  /** Groups tests under a name prefix. */
  describe(name: string, body: () => void): void {
    const outer = this.prefix;
    this.prefix = `${outer}${name} › `;
    try {
      body();
    } finally {
      this.prefix = outer;
    }
  }

  async runRegistered(log: (line: string) => void = console.log): Promise<{ passed: number; failed: number }> {
    let passed = 0;
    let failed = 0;
    for (const t of this.tests) {
      const started = Date.now();
      try {
        await t.fn();
        passed++;
        log(`ok - ${t.name} (${Date.now() - started} ms)`);
      } catch (e) {
        failed++;
        const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
        log(`not ok - ${t.name}\n  ${detail.split('\n').join('\n  ')}`);
      }
    }
    log(`${passed} passed, ${failed} failed`);
    return { passed, failed };
  }
}
