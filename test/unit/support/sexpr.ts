// Compact, precedence-revealing rendering of expressions for table-driven
// tests: `a + b * 2` -> `(+ a (* b 2))`. Names and literals print as written;
// other nodes print as `(Kind child ...)`; a Missing prints as `?`.
import type { Node } from '../../../server/src/language/syntax/ast';
import { children } from '../../../server/src/language/syntax/visit';

export function sexpr(text: string, node: Node): string {
  const src = text.slice(node.span.start, node.span.end);
  switch (node.kind) {
    case 'Missing':
      return '?';
    case 'ColumnRef':
      return node.parts.map((p) => p.text).join('.') + (node.missingPart ? '.?' : '');
    case 'Identifier':
    case 'StringLiteral':
    case 'NumberLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'Param':
    case 'DataType':
    case 'QualifiedName':
      return src;
    case 'Binary':
      return `(${node.op} ${sexpr(text, node.left)} ${sexpr(text, node.right)})`;
    case 'Unary':
      return `(${node.op} ${sexpr(text, node.operand)})`;
    case 'Is':
      return `(IS${node.not ? ' NOT' : ''} ${node.test} ${sexpr(text, node.expr)})`;
    case 'IsDistinctFrom':
      return `(IS${node.not ? ' NOT' : ''} DISTINCT FROM ${sexpr(text, node.left)} ${sexpr(text, node.right)})`;
    case 'In':
    case 'Between':
      return `(${node.not ? 'NOT ' : ''}${node.kind.toUpperCase()} ${children(node)
        .map((c) => sexpr(text, c))
        .join(' ')})`;
    case 'Like':
      return `(${node.not ? 'NOT ' : ''}${node.op}${node.quantifier ? ' ' + node.quantifier : ''} ${children(node)
        .map((c) => sexpr(text, c))
        .join(' ')})`;
    case 'TypedLiteral':
      return `(${node.typeName} ${sexpr(text, node.value)})`;
    case 'IntervalPart':
      return `(${sexpr(text, node.value)}${node.unit ? ' ' + node.unit : ''}${node.toUnit ? ' TO ' + node.toUnit : ''})`;
    case 'FrameBound':
      return `(${node.offset ? sexpr(text, node.offset) + ' ' : ''}${node.bound})`;
    case 'OrderItem':
      return `(${[sexpr(text, node.expr), node.direction, node.nulls && 'NULLS ' + node.nulls].filter(Boolean).join(' ')})`;
    case 'FunctionCall': {
      const flags = [node.distinct && 'DISTINCT', node.nullTreatment && node.nullTreatment + ' NULLS'].filter(Boolean);
      return `(${node.name.parts.map((p) => p.text).join('.')}${flags.length ? ' ' + flags.join(' ') : ''}${children(node)
        .filter((c) => c !== node.name)
        .map((c) => ' ' + sexpr(text, c))
        .join('')})`;
    }
    case 'Subquery':
    case 'Query':
      return `(${node.kind} ${JSON.stringify(src)})`;
  }
  const kids = children(node).map((c) => sexpr(text, c));
  return `(${node.kind}${kids.length ? ' ' + kids.join(' ') : ''})`;
}
