// The translator is pure like the language core it builds on: syntax tree in,
// DuckDB SQL and problems out. The runtime, DuckDB and I/O stay out of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const engine = resolve(__dirname, '../../../../server/src/engine');

test('engine/translate and engine/plan.ts import no I/O, no DuckDB and nothing from the runtime', () => {
  const files = [...readdirSync(join(engine, 'translate')).map((f) => join(engine, 'translate', f)), join(engine, 'plan.ts')].filter((f) =>
    f.endsWith('.ts'),
  );
  assert.ok(files.length >= 5);
  const bad: string[] = [];
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/from\s+'([^']+)'|require\('([^']+)'\)/g)) {
      const spec = m[1] ?? m[2];
      if (/^(node:|fs|path|os|child_process)/.test(spec) || spec.startsWith('@duckdb/') || /runtime|\/cli\/|simulator/.test(spec))
        bad.push(`${f}: ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
});
