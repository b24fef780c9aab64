// Tokenizer: token kinds and values, literals, parameters, comments, and the
// errors it reports without ever throwing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../../server/src/language/syntax/tokenizer';
import { parseExpression } from './parseHelpers';
import type { NumberLiteral, StringLiteral } from '../../../server/src/language/syntax/ast';
import { markers } from '../support/markers';

function kinds(text: string): string[] {
  return tokenize(text).tokens.map((t) => `${t.kind}:${t.text}`);
}

describe('tokenizer', () => {
  const cases: [string, string[]][] = [
    ['SELECT a.b', ['word:SELECT', 'word:a', 'op:.', 'word:b', 'eof:']],
    ['a::int <=> b', ['word:a', 'op:::', 'word:int', 'op:<=>', 'word:b', 'eof:']],
    ['k => v, x -> y', ['word:k', 'op:=>', 'word:v', 'op:,', 'word:x', 'op:->', 'word:y', 'eof:']],
    ['a<>b!=c==d||e', ['word:a', 'op:<>', 'word:b', 'op:!=', 'word:c', 'op:==', 'word:d', 'op:||', 'word:e', 'eof:']],
    // Nested type brackets stay separate `>` tokens.
    ['ARRAY<ARRAY<INT>>', ['word:ARRAY', 'op:<', 'word:ARRAY', 'op:<', 'word:INT', 'op:>', 'op:>', 'eof:']],
    ['`a``b` `x y`', ['quoted:`a``b`', 'quoted:`x y`', 'eof:']],
    ['${catalog}.${schema}.t_${env}', ['param:${catalog}', 'op:.', 'param:${schema}', 'op:.', 'word:t_${env}', 'eof:']],
    [
      '1L 2.5D 1e3 0x1F 1.2BD .5 t.5',
      ['number:1L', 'number:2.5D', 'number:1e3', 'number:0x1F', 'number:1.2BD', 'number:.5', 'word:t', 'op:.', 'number:5', 'eof:'],
    ],
    ['1st_col', ['word:1st_col', 'eof:']],
    // Keys may hold letters, digits, `_`, `-` and `.` (bundle variables such as `${var.env-name}`).
    ['${var.env-name} ${a_1}', ['param:${var.env-name}', 'param:${a_1}', 'eof:']],
    ["r'\\d+' 'a\\'b' \"c\"", ["string:r'\\d+'", "string:'a\\'b'", 'string:"c"', 'eof:']],
    ['a -- comment\n/* block /* nested */ */ b', ['word:a', 'word:b', 'eof:']],
  ];
  for (const [input, expected] of cases) {
    test(input, () => assert.deepEqual(kinds(input), expected));
  }

  test('string values are unescaped, raw strings are not', () => {
    const { tokens } = tokenize("'a\\nb' r'a\\nb' 'it\\'s' \"q\\\"\" '\\u0041\\t' 'x\\%'");
    assert.deepEqual(
      tokens.slice(0, 6).map((t) => t.value),
      ['a\nb', 'a\\nb', "it's", 'q"', 'A\t', 'x\\%'],
    );
    assert.equal(tokens[1].raw, true);
  });

  test('adjacent string literals concatenate; parameters inside strings keep their spans', () => {
    const { text, expr } = parseExpression("'${root}/a' '/${env}'");
    const lit = expr as StringLiteral;
    assert.equal(lit.value, '${root}/a/${env}');
    assert.deepEqual(
      lit.params?.map((p) => [p.key, text.slice(p.span.start, p.span.end)]),
      [
        ['root', '${root}'],
        ['env', '${env}'],
      ],
    );
  });

  test('number values and suffixes', () => {
    const rows: [string, number, string | undefined][] = [
      ['1L', 1, 'L'],
      ['2.5D', 2.5, 'D'],
      ['1e3', 1000, undefined],
      ['0x1F', 31, undefined],
      ['1.2BD', 1.2, 'BD'],
      ['10S', 10, 'S'],
      ['3Y', 3, 'Y'],
      ['4F', 4, 'F'],
    ];
    for (const [input, value, suffix] of rows) {
      const n = parseExpression(input).expr as NumberLiteral;
      assert.equal(n.kind, 'NumberLiteral', input);
      assert.equal(n.value, value, input);
      assert.equal(n.suffix, suffix, input);
    }
  });

  test('comments are kept with spans and block flags', () => {
    const { text, ranges } = markers('[[-- line]]\nSELECT 1 [[/** doc */]]');
    const { comments } = tokenize(text);
    assert.deepEqual(
      comments.map((c) => [c.span, c.block]),
      [
        [ranges[0], false],
        [ranges[1], true],
      ],
    );
  });

  test('lineStart marks the first token of each line, even after a comment', () => {
    const { tokens } = tokenize('a b\n  c /* x\n */ d\n-- c\ne');
    assert.deepEqual(
      tokens.filter((t) => t.lineStart).map((t) => t.text),
      ['a', 'c', 'd', 'e'],
    );
  });

  const errorCases: [string, string][] = [
    ["SELECT [['abc]]", 'unterminated-string'],
    ['SELECT 1 [[/* open]]', 'unterminated-comment'],
    ['SELECT [[`abc]]', 'unterminated-identifier'],
    ['SELECT [[${abc]] ', 'unterminated-parameter'],
    ['SELECT [[##]] 1', 'invalid-character'],
  ];
  for (const [source, code] of errorCases) {
    test(`reports ${code}`, () => {
      const { text, ranges } = markers(source);
      const { errors, tokens } = tokenize(text);
      assert.deepEqual(
        errors.map((e) => [e.code, e.span]),
        [[code, ranges[0]]],
      );
      assert.equal(tokens[tokens.length - 1].kind, 'eof');
    });
  }

  test('spans are UTF-16 offsets (astral characters count two)', () => {
    const { tokens } = tokenize("'😀' x");
    assert.deepEqual([tokens[0].start, tokens[0].end, tokens[1].start], [0, 4, 5]);
  });
});
