// Seeded pseudo-random numbers for the simulator. sfc32 is small, fast in
// V8 (pure 32-bit integer arithmetic) and passes PractRand for the volumes we
// draw; determinism across platforms matters more here than crypto quality.

/** One independent random stream; every draw advances it. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: string) {
    // Mix the seed with the stream label so each generator (entities, events,
    // CDC) draws from its own sequence: changing one never shifts another.
    const h = hashLabel(stream);
    this.a = splitmix32(seed ^ 0x9e3779b9);
    this.b = splitmix32(this.a ^ h);
    this.c = splitmix32(this.b ^ Math.floor(seed / 0x100000000));
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** Roughly normal (sum of uniforms), cheap enough for per-event noise. */
  gaussian(): number {
    return this.float() + this.float() + this.float() + this.float() - 2;
  }

  /** `count` distinct indexes out of [0, n), in ascending order. */
  sample(n: number, count: number): number[] {
    const chosen: number[] = [];
    let need = Math.min(count, n);
    for (let i = 0; i < n && need > 0; i++) {
      // Selection sampling: exact count, uniform over subsets, no shuffle.
      if (this.float() * (n - i) < need) {
        chosen.push(i);
        need--;
      }
    }
    return chosen;
  }
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
