// Partial deep matching for syntax-tree assertions: `expected` lists only the
// fields a test cares about; arrays must have the same length. A string
// expected where the actual is a node with a span is compared with the text
// the node covers (pass the document text), which keeps tables short:
//   assertShape(text, item, { kind: 'SelectItem', expr: 'a + 1', alias: { name: 'x' } })
import assert from 'node:assert/strict';

type Shape = unknown;

export function assertShape(text: string, actual: unknown, expected: Shape, path = '$'): void {
  if (typeof expected === 'string' && isNode(actual)) {
    assert.equal(text.slice(actual.span.start, actual.span.end), expected, `${path}: text of ${actual.kind}`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)?.slice(0, 200)}`);
    assert.equal(
      actual.length,
      expected.length,
      `${path}: length (got ${JSON.stringify(actual.map((a: unknown) => (isNode(a) ? text.slice(a.span.start, a.span.end) : a)))})`,
    );
    expected.forEach((e, i) => assertShape(text, actual[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) {
      assertShape(text, (actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
    return;
  }
  assert.equal(actual, expected, path);
}

function isNode(v: unknown): v is { kind: string; span: { start: number; end: number } } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { kind?: unknown }).kind === 'string' &&
    typeof (v as { span?: unknown }).span === 'object'
  );
}
