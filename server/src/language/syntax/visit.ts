// Generic traversal of the syntax tree. Children are found by shape (any
// property holding an object with `kind` and `span`, or an array of them), so
// new node kinds and fields are walked without changes here.
import type { Node, Span } from './ast';

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).kind === 'string' && typeof (v as Node).span === 'object';
}

/** Calls `fn` for each direct child of `node`, in source order. */
export function forEachChild(node: Node, fn: (child: Node) => void): void {
  const found: Node[] = [];
  for (const key in node) {
    if (key === 'span') continue;
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const item of v) {
        if (isNode(item)) found.push(item);
        else if (Array.isArray(item)) for (const inner of item) if (isNode(inner)) found.push(inner);
      }
    } else if (isNode(v)) {
      found.push(v);
    }
  }
  // Property order is nearly source order; sort to make it exact (stable for equal starts).
  found.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (const child of found) fn(child);
}

export function children(node: Node): Node[] {
  const out: Node[] = [];
  forEachChild(node, (c) => out.push(c));
  return out;
}

/**
 * Depth-first walk. `enter` may return false to skip a node's children.
 * Iterative, so deep trees cannot overflow the stack.
 */
export function walk(root: Node | Node[], enter: (node: Node, parent: Node | undefined) => boolean | void): void {
  const stack: [Node, Node | undefined][] = [];
  const roots = Array.isArray(root) ? root : [root];
  for (let i = roots.length - 1; i >= 0; i--) stack.push([roots[i], undefined]);
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    if (enter(node, parent) === false) continue;
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], node]);
  }
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/**
 * The chain of nodes from an outermost node to the innermost one whose span
 * contains `offset` (end inclusive, so a cursor right after `ab` is in `ab`).
 * When two siblings touch at `offset`, the one that starts there wins over the
 * one that ends there, unless the later one is empty.
 */
export function pathAt(root: Node | Node[], offset: number): Node[] {
  const path: Node[] = [];
  let candidates = Array.isArray(root) ? root : [root];
  for (;;) {
    let best: Node | undefined;
    for (const c of candidates) {
      if (!contains(c.span, offset)) continue;
      if (!best) best = c;
      else if (c.span.start === offset && c.span.end > offset && best.span.end === offset) best = c;
      else if (c.span.start === c.span.end && best.span.start < offset) best = c; // a Missing at the cursor
    }
    if (!best) return path;
    path.push(best);
    candidates = children(best);
  }
}

/** The innermost node containing `offset`, or undefined. */
export function nodeAt(root: Node | Node[], offset: number): Node | undefined {
  const path = pathAt(root, offset);
  return path[path.length - 1];
}
