// Spark types that the syntax alone gives: literals and written data types.
import type * as A from '../../language/syntax/ast';
import { SparkScalarKind, SparkType, decimal, scalar } from './sparkTypeRules';

const NAMED: Record<string, SparkScalarKind> = {
  STRING: 'string',
  VARCHAR: 'string',
  CHAR: 'string',
  TEXT: 'string',
  INT: 'int',
  INTEGER: 'int',
  BIGINT: 'bigint',
  LONG: 'bigint',
  SMALLINT: 'smallint',
  SHORT: 'smallint',
  TINYINT: 'tinyint',
  BYTE: 'tinyint',
  DOUBLE: 'double',
  FLOAT: 'float',
  REAL: 'float',
  BOOLEAN: 'boolean',
  BOOL: 'boolean',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  TIMESTAMP_LTZ: 'timestamp',
  TIMESTAMP_NTZ: 'timestamp_ntz',
  BINARY: 'binary',
  INTERVAL: 'interval',
};

const SUFFIX: Record<string, SparkScalarKind> = { L: 'bigint', S: 'smallint', Y: 'tinyint', D: 'double', F: 'float' };

export function typeFromSyntax(e: A.Expr | A.DataType): SparkType | undefined {
  switch (e.kind) {
    case 'DataType':
      return dataType(e);
    case 'NumberLiteral':
      return numberLiteral(e);
    case 'StringLiteral':
      return scalar('string');
    case 'BooleanLiteral':
      return scalar('boolean');
    case 'NullLiteral':
      return scalar('null');
    case 'Interval':
      return scalar('interval');
    case 'TypedLiteral': {
      const k = NAMED[e.typeName.toUpperCase()];
      return k ? scalar(k) : undefined;
    }
    default:
      return undefined;
  }
}

function dataType(t: A.DataType): SparkType | undefined {
  const n = t.name.toUpperCase();
  if (n === 'DECIMAL' || n === 'DEC' || n === 'NUMERIC') return decimal(t.params[0] ?? 10, t.params[1] ?? 0);
  if (n === 'ARRAY') return { kind: 'array', element: t.typeArgs[0] && dataType(t.typeArgs[0] as A.DataType) };
  const k = NAMED[n];
  return k ? scalar(k) : undefined;
}

/**
 * Spark types `100` INT (DECIMAL(3,0) in decimal arithmetic), `100.0`
 * DECIMAL(4,1), `0.4` DECIMAL(1,1), `1e3` DOUBLE, and suffixed literals by their suffix.
 */
export function numberLiteral(e: A.NumberLiteral): SparkType | undefined {
  const suffix = e.suffix?.toUpperCase();
  const digitsText = suffix ? e.text.slice(0, e.text.length - suffix.length) : e.text;
  if (suffix === 'BD') return decimalLiteral(digitsText);
  if (suffix) return SUFFIX[suffix] ? scalar(SUFFIX[suffix]) : undefined;
  if (/[eE]/.test(digitsText)) return scalar('double');
  if (digitsText.includes('.')) return decimalLiteral(digitsText);
  const digits = digitsText.replace(/^0+(?=\d)/, '').length;
  const v = Number(digitsText);
  if (v <= 2147483647) return { kind: 'int', literalDigits: digits };
  if (BigInt(digitsText) <= 9223372036854775807n) return { kind: 'bigint', literalDigits: digits };
  return decimal(Math.min(38, digits), 0);
}

function decimalLiteral(text: string): SparkType {
  const [int = '', frac = ''] = text.split('.');
  const intDigits = int.replace(/^0+/, '').length;
  const s = frac.length;
  return decimal(Math.max(1, intDigits + s), s);
}
