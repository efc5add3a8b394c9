/**
 * Deterministic randomness for the data generator: a seeded 32-bit PRNG (sfc32), weighted choice
 * in O(1) (Walker's alias method) and a Zipf law for skewed loads. Pure: no I/O, no global state,
 * so the same seed gives the same data on every machine and engine.
 */

/** A seeded pseudo-random source. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed any integer; streams of different seeds are independent for our purposes. */
  constructor(seed: number) {
    // splitmix32 expands the seed into the four words of sfc32's state.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer (sfc32). */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An exponentially distributed number with the given mean (e.g. hours until a step). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A new independent stream derived from this one (for a sub-task that must not shift others). */
  fork(): Random {
    return new Random(this.uint32());
  }
}

/**
 * Weighted choice among `items` in constant time (Walker's alias method): build once, draw many.
 * Weights need not sum to 1; zero weights are never drawn.
 */
export class WeightedChoice<T> {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  /** @throws RangeError when there is no item or no positive weight. */
  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    const n = items.length;
    const total = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
    if (n === 0 || weights.length !== n || !(total > 0)) {
      throw new RangeError('WeightedChoice needs as many positive weights as items');
    }
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (Math.max(0, w) * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.probability[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) {
      this.probability[i] = 1;
      this.alias[i] = i;
    }
  }

  /** Draw one item. */
  draw(random: Random): T {
    const column = Math.floor(random.next() * this.items.length);
    const index = random.next() < this.probability[column]! ? column : this.alias[column]!;
    return this.items[index]!;
  }
}

/**
 * Weights of a Zipf law over `n` ranks: rank r (1-based) weighs 1 / r^s. With s ≈ 1 the busiest
 * of 480 executors takes about 15 % of the load and the median one about 0.03 %, the shape seen in
 * city contact centres where a few utility companies get most appeals.
 */
export function zipfWeights(n: number, s: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
}
