import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parameterRanges, signatureHelp } from '../../../server/src/language/features/signatureHelp';
import { fixture } from './featureFixture';

/** Signature help at the cursor shows `label` with `active` as the active parameter's text. */
function check(text: string, label: string | undefined, active?: string): void {
  const f = fixture({ '/p/a.sql': text });
  const help = signatureHelp(f.ctx, f.doc, f.cursor);
  if (label === undefined) return assert.equal(help, undefined);
  assert.equal(help?.signatures[0].label, label);
  const [s, e] = help.signatures[0].parameters[help.activeParameter].label;
  assert.equal(label.slice(s, e), active);
}

describe('signature help', () => {
  test('the active parameter follows the commas, also in an unclosed call', () => {
    check("CREATE MATERIALIZED VIEW a AS SELECT date_trunc(|'hour', ts) AS h FROM b;", 'date_trunc(unit, expr)', 'unit');
    check("CREATE MATERIALIZED VIEW a AS SELECT date_trunc('hour', |", 'date_trunc(unit, expr)', 'expr');
  });

  test('nested calls: the innermost function around the cursor', () => {
    check("CREATE MATERIALIZED VIEW a AS SELECT coalesce(date_trunc('hour', |ts), x) AS h FROM b;", 'date_trunc(unit, expr)', 'expr');
    check(
      "CREATE MATERIALIZED VIEW a AS SELECT coalesce(date_trunc('hour', ts), |x) AS h FROM b;",
      'coalesce(expr1, expr2 [, ...])',
      'expr2',
    );
  });

  test('none outside a call or in a parenthesised expression alone', () => {
    check('CREATE MATERIALIZED VIEW a AS SELECT (1 + |2) AS h;', undefined);
  });

  test('optional parameters in brackets are separate parameters', () => {
    const sig = 'concat(expr1 [, ...])';
    assert.deepEqual(
      parameterRanges(sig).map((p) => sig.slice(...p.label)),
      ['expr1', '...'],
    );
  });
});
