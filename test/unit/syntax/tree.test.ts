// Tree-wide invariants over the fixture SQL, and the walker, node finder,
// line index and doc comments that features build on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../../server/src/language/syntax/ast';
import { docCommentBefore } from '../../../server/src/language/syntax/comments';
import { LineIndex } from '../../../server/src/language/syntax/lineIndex';
import { parse } from '../../../server/src/language/syntax/parser';
import { children, nodeAt, pathAt, walk } from '../../../server/src/language/syntax/visit';
import { markers } from '../support/markers';
import { fixtureSql } from './fixtures';

describe('syntax tree invariants on the fixture SQL', () => {
  const files = fixtureSql();
  test('there are fixture files', () => assert.ok(files.length >= 4));
  for (const { path, text } of files) {
    test(`${path.replace(/.*\/(test\/fixtures|pipelines)\//, '$1/')}: no errors, nested spans in source order`, () => {
      const r = parse(text);
      assert.deepEqual(r.errors, []);
      assert.ok(r.statements.length > 0);
      let count = 0;
      walk(r.statements, (node, parent) => {
        count++;
        assert.ok(node.span.start <= node.span.end, `${node.kind} span ordered`);
        if (parent)
          assert.ok(parent.span.start <= node.span.start && node.span.end <= parent.span.end, `${node.kind} inside ${parent.kind}`);
        const kids = children(node);
        for (let i = 1; i < kids.length; i++)
          assert.ok(kids[i - 1].span.end <= kids[i].span.start, `${kids[i - 1].kind} before ${kids[i].kind} in ${node.kind}`);
      });
      assert.ok(count > r.statements.length);
    });
  }
});

describe('line endings and byte-order marks', () => {
  for (const { path, text } of fixtureSql().slice(0, 6)) {
    test(`${path.replace(/.*\//, '')} with CRLF and a BOM parses the same`, () => {
      const lf = parse(text);
      const crlf = parse('\uFEFF' + text.replace(/\r?\n/g, '\r\n'));
      assert.deepEqual(crlf.errors, []);
      assert.deepEqual(
        crlf.statements.map((s) => s.kind),
        lf.statements.map((s) => s.kind),
      );
    });
  }
});

describe('nodeAt and pathAt', () => {
  const rows: [string, string, string][] = [
    ['SELECT a|b FROM t', 'Identifier', 'ab'],
    ['SELECT ab| FROM t', 'Identifier', 'ab'],
    ['SELECT t.|x FROM t', 'Identifier', 'x'],
    ['SELECT x FROM cat.s|ch.t', 'Identifier', 'sch'],
    ['SELECT x FROM t WHERE a = 1 + |2', 'NumberLiteral', '2'],
    ['SELECT x.| FROM t', 'Missing', ''],
    ["SELECT * FROM read_files('${ro|ot}')", 'Param', '${root}'],
    ["SELECT * FROM read_files('/x/|y')", 'StringLiteral', "'/x/y'"],
  ];
  for (const [source, kind, covered] of rows) {
    test(source, () => {
      const { text, cursor } = markers(source);
      const r = parse(text);
      const node = nodeAt(r.statements, cursor!);
      assert.ok(node);
      assert.equal(node.kind, kind);
      assert.equal(text.slice(node.span.start, node.span.end), covered);
    });
  }

  test('the path runs from the statement down', () => {
    const { text, cursor } = markers('CREATE MATERIALIZED VIEW v AS SELECT a FROM t WHERE b > |1');
    const path = pathAt(parse(text).statements as Node[], cursor!).map((n) => n.kind);
    assert.deepEqual(path, ['CreateDataset', 'Query', 'Select', 'WhereClause', 'Binary', 'NumberLiteral']);
  });

  test('outside every statement there is no node', () => {
    const r = parse('SELECT 1;   \n\nSELECT 2');
    assert.equal(nodeAt(r.statements as Node[], 11), undefined);
  });
});

describe('LineIndex', () => {
  const text = 'ab\ncd\r\nef\rg😀h\n';
  const index = new LineIndex(text);
  const rows: [number, number, number][] = [
    [0, 0, 0],
    [2, 0, 2],
    [3, 1, 0],
    [5, 1, 2],
    [7, 2, 0],
    [10, 3, 0],
    [11, 3, 1],
    [13, 3, 3],
    [15, 4, 0],
  ];
  for (const [offset, line, character] of rows) {
    test(`offset ${offset} <-> ${line}:${character}`, () => {
      assert.deepEqual(index.positionAt(offset), { line, character });
      assert.equal(index.offsetAt({ line, character }), offset);
    });
  }
  test('clamps out-of-range positions', () => {
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(index.offsetAt({ line: 99, character: 0 }), text.length);
    assert.deepEqual(index.positionAt(999), { line: 4, character: 0 });
    assert.equal(index.lineCount, 5);
  });
  test('rangeOf converts a span', () => {
    assert.deepEqual(index.rangeOf({ start: 1, end: 4 }), { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
  });
});

describe('docCommentBefore', () => {
  const rows: [string, string | undefined][] = [
    ['-- first line\n-- second line\n|CREATE MATERIALIZED VIEW v AS SELECT 1', 'first line\nsecond line'],
    ['/**\n * Raw readings.\n * Kept as is.\n */\n|CREATE MATERIALIZED VIEW v AS SELECT 1', 'Raw readings.\nKept as is.'],
    ['-- unrelated\n\n-- doc\n|SELECT 1', 'doc'],
    ['-- far away\n\n|SELECT 1', undefined],
    ['SELECT 1; |SELECT 2', undefined],
  ];
  for (const [source, expected] of rows) {
    test(JSON.stringify(source.slice(0, 30)), () => {
      const { text, cursor } = markers(source);
      const r = parse(text);
      assert.equal(docCommentBefore(text, r.comments, cursor!), expected);
    });
  }
});
