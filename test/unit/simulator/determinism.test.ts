// Same arguments, same bytes: every file and the manifest. Another seed gives
// other data. No wall-clock time or absolute path may leak into the output.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLakeflow, tempDir } from './landingReader';

function snapshot(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const d of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(path);
      else out.set(path, readFileSync(join(root, path)));
    }
  };
  walk('');
  return out;
}

async function simulateInto(dir: string, ...args: string[]): Promise<Map<string, Buffer>> {
  const r = await runLakeflow(['simulate', '--out', dir, '--events', '6000', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return snapshot(dir);
}

describe('determinism', () => {
  const dirs = [tempDir(), tempDir(), tempDir()];
  after(() => dirs.forEach((d) => d.remove()));

  test('the same seed writes byte-identical files and manifest in another folder', async () => {
    const a = await simulateInto(dirs[0].path, '--seed', '42', '--start', '2026-03-01T00:00:00Z', '--days', '2');
    const b = await simulateInto(dirs[1].path, '--seed', '42', '--start', '2026-03-01T00:00:00Z', '--days', '2');
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path) as Buffer), `${path} differs`);
    assert.ok(a.has('manifest.json'));
  });

  test('re-running the same batch into the same folder is refused and rewrites nothing', async () => {
    const first = snapshot(dirs[0].path);
    const r = await runLakeflow([
      'simulate',
      '--out',
      dirs[0].path,
      '--events',
      '6000',
      '--seed',
      '42',
      '--start',
      '2026-03-01T00:00:00Z',
      '--days',
      '2',
    ]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^lakeflow simulate: batch 20260301T000000s42 is already in '.+': landing files are never rewritten; give another --seed or --start to add a batch, or another --out\n$/,
    );
    const again = snapshot(dirs[0].path);
    assert.deepEqual([...again.keys()], [...first.keys()]);
    for (const [path, bytes] of first) assert.ok(bytes.equals(again.get(path) as Buffer), `${path} differs`);
  });

  test('another seed writes other data', async () => {
    const a = snapshot(dirs[0].path);
    const c = await simulateInto(dirs[2].path, '--seed', '43', '--start', '2026-03-01T00:00:00Z', '--days', '2');
    const events = (m: Map<string, Buffer>) =>
      [...m]
        .filter(([p]) => p.startsWith('iot_events/'))
        .map(([, b]) => b.toString())
        .join('');
    assert.notEqual(events(a), events(c));
    assert.notEqual(a.get('manifest.json')?.toString(), c.get('manifest.json')?.toString());
  });
});
