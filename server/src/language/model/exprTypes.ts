// Types of expressions where they are evident without the data: casts,
// literals, comparisons and built-in functions with a fixed return type.
import type { DataType, Expr, Missing } from '../syntax/ast';
import type { FunctionCatalogue } from '../facts/databricksFunctions';
import { ARITHMETIC_OPS, ARRAY_BUILDERS, arithmeticType, ELEMENT_GENERATORS, typedArguments } from './typeInference';

export function typeText(t: DataType | Missing | undefined): string | undefined {
  if (!t || t.kind === 'Missing') return undefined;
  if (t.fields) return `STRUCT<${t.fields.map((f) => `${f.name.name}: ${typeText(f.type) ?? '?'}`).join(', ')}>`;
  if (t.typeArgs.length > 0) return `${t.name}<${t.typeArgs.map((a) => typeText(a) ?? '?').join(', ')}>`;
  if (t.params.length > 0) return `${t.name}(${t.params.join(',')})`;
  return t.name;
}

const comparison = new Set(['=', '==', '<>', '!=', '<=>', '<', '<=', '>', '>=', 'AND', 'OR']);
// A return type that names the argument ('T', 'same as expr') says nothing on its own.
const concreteType =
  /^(STRING|BOOLEAN|INT|BIGINT|SMALLINT|TINYINT|DOUBLE|FLOAT|DATE|TIMESTAMP|TIMESTAMP_NTZ|BINARY|DECIMAL(\(\d+,\s*\d+\))?|INTERVAL.*|ARRAY<STRING>|MAP<STRING, STRING>|VARIANT)$/;

export function exprType(e: Expr, functions: FunctionCatalogue): string | undefined {
  switch (e.kind) {
    case 'Cast':
      return typeText(e.type);
    case 'StringLiteral':
      return 'STRING';
    case 'NumberLiteral':
      if (e.suffix === 'L') return 'BIGINT';
      if (e.suffix === 'D') return 'DOUBLE';
      if (e.suffix === 'BD' || /[.eE]/.test(e.text)) return /[eE]/.test(e.text) ? 'DOUBLE' : 'DECIMAL';
      return 'INT';
    case 'BooleanLiteral':
    case 'Is':
    case 'In':
    case 'Between':
    case 'Like':
    case 'IsDistinctFrom':
    case 'Exists':
      return 'BOOLEAN';
    case 'TypedLiteral':
      return e.typeName.toUpperCase();
    case 'Interval':
      return 'INTERVAL';
    case 'Unary':
      return e.op === 'NOT' || e.op === '!' ? 'BOOLEAN' : exprType(e.operand, functions);
    case 'Binary':
      if (comparison.has(e.op)) return 'BOOLEAN';
      if (e.op === '||') return 'STRING';
      if (ARITHMETIC_OPS.has(e.op)) return arithmeticType(e.op, exprType(e.left, functions), exprType(e.right, functions));
      return undefined;
    case 'Paren':
      return exprType(e.expr, functions);
    case 'FunctionCall': {
      const name = e.name.parts
        .map((p) => p.name)
        .join('.')
        .toLowerCase();
      const element = arrayElement(name, e.args);
      if (element) return exprType(element, functions);
      const returns = functions.get(name)?.returns.trim().toUpperCase();
      if (returns === 'SAME-AS-INPUT') {
        // Known only when every argument that carries the type is known here (a column's type is
        // resolved later, through typeFrom); numeric ones widen as in arithmetic.
        const types = typedArguments(name, e.args)
          .filter((a) => a.kind !== 'NullLiteral')
          .map((a) => exprType(a, functions));
        if (types.length === 0 || types.some((t) => t === undefined)) return undefined;
        return types.reduce((a, b) => (a === b ? a : arithmeticType('+', a, b)));
      }
      return returns && concreteType.test(returns) ? returns : undefined;
    }
    case 'Case': {
      const types = [...e.whens.map((w) => exprType(w.result, functions)), e.else ? exprType(e.else, functions) : undefined].filter(
        (t) => t !== undefined,
      );
      return types.length > 0 && types.every((t) => t === types[0]) ? types[0] : undefined;
    }
    default:
      return undefined;
  }
}

const callName = (e: Expr): string | undefined =>
  e.kind === 'FunctionCall'
    ? e.name.parts
        .map((p) => p.name)
        .join('.')
        .toLowerCase()
    : undefined;

/** The first element of the array a generator walks, when the array is built in place. */
export function arrayElement(name: string, args: readonly Expr[]): Expr | undefined {
  const inner = args[0];
  if (!ELEMENT_GENERATORS.has(name) || inner?.kind !== 'FunctionCall' || !ARRAY_BUILDERS.has(callName(inner) ?? '')) return undefined;
  return inner.args[0];
}
