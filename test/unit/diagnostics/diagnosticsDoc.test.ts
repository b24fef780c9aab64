// docs/diagnostics.md is the users' reference for every code: it must list each
// code the core can report, with the severity the server sends, and no other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES } from '../../../server/src/language/features/diagnostics/codes';

test('docs/diagnostics.md documents every diagnostic code with its severity', () => {
  const doc = readFileSync(join(__dirname, '../../../../docs/diagnostics.md'), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| (LF\d{3}) \| (\w+) \|/gm)].map((m) => [m[1], m[2]]));
  assert.deepEqual([...rows.keys()].sort(), Object.keys(DIAGNOSTIC_CODES).sort());
  for (const [code, { severity }] of Object.entries(DIAGNOSTIC_CODES)) assert.equal(rows.get(code), severity, code);
});
