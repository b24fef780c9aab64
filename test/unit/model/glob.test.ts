import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp } from '../../../server/src/language/model/glob';
import { dirname, normalizePath, resolvePath } from '../../../server/src/language/model/paths';

const cases: [string, string, boolean][] = [
  ['/a/**', '/a/b/c.sql', true],
  ['/a/**', '/a/c.sql', true],
  ['/a/**/*.sql', '/a/c.sql', true],
  ['/a/**/*.sql', '/a/b/c/d.sql', true],
  ['/a/**/*.sql', '/a/b/c/d.py', false],
  ['/a/*.sql', '/a/b/c.sql', false],
  ['/a/?.sql', '/a/b.sql', true],
  ['/a/{x,y}/*.yml', '/a/y/p.yml', true],
  ['/a/{x,y}/*.yml', '/a/z/p.yml', false],
  ['/a/[bc].sql', '/a/c.sql', true],
  ['/a/[!bc].sql', '/a/c.sql', false],
  ['/a/b.sql', '/a/b.sql', true],
  ['/a/[unclosed', '/a/[unclosed', true],
];
for (const [glob, path, expected] of cases) {
  test(`glob ${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () =>
    assert.equal(globToRegExp(glob).test(normalizePath(path)), expected));
}

test('paths: normalize, resolve, dirname; URIs keep their authority', () => {
  assert.equal(normalizePath('/a/b/../c/./d.sql'), '/a/c/d.sql');
  assert.equal(resolvePath('/repo/bundle/resources', '../../pipelines/**'), '/repo/pipelines/**');
  assert.equal(resolvePath('file:///repo/bundle', '../x.sql'), 'file:///repo/x.sql');
  assert.equal(dirname('file:///repo/a.sql'), 'file:///repo');
});
