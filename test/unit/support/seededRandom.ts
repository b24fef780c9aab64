// Function-style access to the shared seeded PRNG (prng.ts) for tests that
// pass a `() => number` around.
import { Prng } from './prng';

export function seededRandom(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
