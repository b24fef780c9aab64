// Data types: INT, DECIMAL(10,2), ARRAY<T>, MAP<K, V>, STRUCT<a: INT, b STRING NOT NULL COMMENT 'c'>,
// INTERVAL DAY TO SECOND. Nested `>>` is two `>` tokens (the tokenizer never joins them).
import type { DataType, Missing, StructField } from './ast';
import { Cursor } from './cursor';
import { parseStringLiteral } from './expressions';

const INTERVAL_FIELDS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND']);

export function parseDataType(p: Cursor): DataType | Missing {
  const t = p.tok;
  if (t.kind !== 'word' && t.kind !== 'quoted') return p.missingWithError('a data type', 'expected-type');
  if (!p.enter()) {
    p.skipNested();
    return p.missing('a data type');
  }
  p.advance();
  const type: DataType = { kind: 'DataType', name: t.upper, params: [], typeArgs: [], span: { start: t.start, end: t.end } };
  if (type.name === 'INTERVAL') {
    // INTERVAL DAY [TO SECOND]: fold the qualifier into the name.
    while (p.tok.kind === 'word' && (INTERVAL_FIELDS.has(p.tok.upper) || p.tok.upper === 'TO')) type.name += ' ' + p.advance().upper;
  }
  if (p.isOp('(')) {
    p.advance();
    while (p.tok.kind === 'number') {
      type.params.push(Number(p.advance().value));
      if (!p.eatOp(',')) break;
    }
    p.expectOp(')');
  } else if (p.isOp('<')) {
    p.advance();
    if (type.name === 'STRUCT') type.fields = parseStructFields(p);
    else {
      type.typeArgs.push(parseDataType(p));
      while (p.eatOp(',')) type.typeArgs.push(parseDataType(p));
    }
    p.expectOp('>');
  } else if (p.isOp('<>') && type.name === 'STRUCT') {
    p.advance();
    type.fields = [];
  }
  p.leave();
  type.span = p.spanFrom(t.start);
  return type;
}

function parseStructFields(p: Cursor): StructField[] {
  const fields: StructField[] = [];
  while (p.tok.kind === 'word' || p.tok.kind === 'quoted') {
    const name = p.identifier();
    p.eatOp(':');
    const field: StructField = { kind: 'StructField', name, type: parseDataType(p), notNull: false, span: name.span };
    if (p.eatWords('NOT', 'NULL')) field.notNull = true;
    if (p.eatWord('COMMENT') && p.peek(0).kind === 'string') field.comment = parseStringLiteral(p);
    field.span = p.spanFrom(name.span.start);
    fields.push(field);
    if (!p.eatOp(',')) break;
  }
  return fields;
}
