// Signature help for built-in functions and Unity Catalog functions
// (`catalog.schema.fn(`, catalogFunctions.ts): the call around the cursor is found
// in the token stream (so an unclosed call still counts) and its argument
// index is the number of top-level commas before the cursor.
import type { Position } from '../model/location';
import type { Token } from '../syntax/tokens';
import type { FeatureContext, SyntaxDocument } from './featureContext';
import type { ParameterInformation, SignatureHelp } from './lspShapes';
import { catalogFunctionAt } from './catalogFunctions';

export function signatureHelp(ctx: FeatureContext, doc: SyntaxDocument, position: Position): SignatureHelp | undefined {
  const offset = doc.lines.offsetAt(position);
  const tokens = doc.parsed.tokens;
  let depth = 0;
  let commas = 0;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.kind === 'eof' || t.start >= offset) continue;
    if (t.kind === 'op' && t.text === ';') return undefined;
    if (t.kind === 'op' && t.text === ')') depth++;
    else if (t.kind === 'op' && t.text === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const name = tokens[k - 1];
      const builtIn = name && name.kind === 'word' && tokens[k - 2]?.text !== '.' ? ctx.functions.get(name.value) : undefined;
      const f = builtIn ?? catalogFunctionAt(ctx, tokens, k - 1);
      if (!f) {
        commas = 0;
        continue; // a parenthesised expression: look further out
      }
      const parameters = parameterRanges(f.signature);
      return {
        signatures: [
          {
            label: f.signature,
            documentation: { kind: 'markdown', value: `${f.summary}${f.returns ? `\n\nReturns \`${f.returns}\`` : ''}` },
            parameters,
          },
        ],
        activeSignature: 0,
        activeParameter: Math.min(commas, Math.max(0, parameters.length - 1)),
      };
    } else if (depth === 0 && isComma(t)) commas++;
  }
  return undefined;
}

function isComma(t: Token): boolean {
  return t.kind === 'op' && t.text === ',';
}

/** Offsets of each top-level parameter inside `name(a, b [, c])`. */
export function parameterRanges(signature: string): ParameterInformation[] {
  const open = signature.indexOf('(');
  const close = signature.lastIndexOf(')');
  if (open < 0 || close <= open + 1) return [];
  const out: ParameterInformation[] = [];
  let depth = 0;
  let start = open + 1;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /[\s[,]/.test(signature[s])) s++;
    while (e > s && /[\s\]]/.test(signature[e - 1])) e--;
    if (e > s) out.push({ label: [s, e] });
  };
  for (let i = open + 1; i < close; i++) {
    const c = signature[i];
    if (c === '(' || c === '<') depth++;
    else if (c === ')' || c === '>') depth--;
    else if (c === ',' && depth === 0) {
      push(i);
      start = i + 1;
    } else if (c === '[' && depth === 0 && signature[i + 1] === ',') {
      push(i);
      start = i + 2;
      i++;
    }
  }
  push(close);
  return out;
}
