// Argument forms the command accepts, and the defaults it fills in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSimulateArgs } from '../../../server/src/cli/simulateCommand';

test('defaults: 100000 events, seed 1, 2026-01-01T00:00:00Z, 7 days; --out resolved against cwd', () => {
  assert.deepEqual(parseSimulateArgs(['--out', 'landing'], '/work/project'), {
    out: '/work/project/landing',
    events: 100_000,
    seed: 1,
    startMs: Date.UTC(2026, 0, 1),
    days: 7,
  });
});

test('--flag=value, a date without time, and a zone offset', () => {
  const cases: [string, number][] = [
    ['2026-05-01', Date.UTC(2026, 4, 1)],
    ['2026-05-01T12:00:00+02:00', Date.UTC(2026, 4, 1, 10)],
    ['2026-05-01T12:30Z', Date.UTC(2026, 4, 1, 12, 30)],
    ['2024-02-29T23:59:59.250Z', Date.UTC(2024, 1, 29, 23, 59, 59, 250)],
  ];
  for (const [start, ms] of cases) {
    const o = parseSimulateArgs(['--out=/tmp/x', '--events=300', '--seed=0', `--start=${start}`, '--days=1'], '/');
    assert.equal(o.startMs, ms, start);
    assert.equal(o.events, 300);
    assert.equal(o.seed, 0);
    assert.equal(o.out, '/tmp/x');
  }
});
