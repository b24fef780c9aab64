// The syntax layer's public surface: import from here.
export * from './ast';
export type { Token, TokenKind } from './tokens';
export { parse } from './parser';
export { tokenize } from './tokenizer';
export { LineIndex } from './lineIndex';
export type { Position, Range } from './lineIndex';
export { forEachChild, children, walk, nodeAt, pathAt } from './visit';
export { docCommentBefore } from './comments';
