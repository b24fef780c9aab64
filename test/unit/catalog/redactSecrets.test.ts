import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from '../../../server/src/catalog/redactSecrets';

const cases: [string, string, string[], string][] = [
  ['a known secret anywhere', 'token s3cr3t-value was wrong', ['s3cr3t-value'], 'token [redacted] was wrong'],
  ['a personal access token shape', 'bad token dapi0123456789abcdef-2 given', [], 'bad token [redacted] given'],
  ['an Authorization header dump', '{"Authorization": "Bearer abc.def"}', [], '{"Authorization": "[redacted]"}'],
  ['a bare Bearer value', 'sent Bearer eyJhbGciOi.x.y to host', [], 'sent Bearer [redacted] to host'],
  [
    'an OAuth access token in JSON',
    '{"access_token":"abc123","token_type":"Bearer"}',
    [],
    '{"access_token":"[redacted]","token_type":"Bearer"}',
  ],
  ['a JWT anywhere', 'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl expired', [], 'token [redacted] expired'],
  ['ordinary text untouched', 'GET /api/2.1/unity-catalog/catalogs: HTTP 500', ['ab'], 'GET /api/2.1/unity-catalog/catalogs: HTTP 500'],
];

for (const [name, input, secrets, expected] of cases) {
  test(`redactSecrets: ${name}`, () => assert.equal(redactSecrets(input, secrets), expected));
}
