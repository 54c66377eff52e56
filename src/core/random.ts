// Seeded, reproducible random numbers for the workload and device simulation.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded random source: the same seed gives the same sequence on every machine. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [from, to], both included. */
  int(from: number, to: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A normally distributed value (Box–Muller). */
  normal(mean: number, sd: number): number;
  /** An independent source derived from this one and a label (for per-stream reproducibility). */
  fork(label: string): Random;
}

function hashLabel(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h | 0;
}

/** Creates a random source from a 32-bit seed. */
export function createRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed | 0);
  const random: Random = {
    next: () => uniformFloat64(rng),
    // pure-rand draws ranges wider than 32 bits through arrays; a 53-bit float is exact enough.
    int: (from, to) =>
      to - from < 0xffff_ffff
        ? uniformInt(rng, from, to)
        : from + Math.floor(uniformFloat64(rng) * (to - from + 1)),
    chance: (p) => uniformFloat64(rng) < p,
    pick<T>(items: readonly T[]): T {
      const item = items[uniformInt(rng, 0, items.length - 1)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, w] of items) total += w;
      let x = uniformFloat64(rng) * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new RangeError('weighted pick from an empty list');
      return last[0];
    },
    normal(mean, sd) {
      const u = 1 - uniformFloat64(rng);
      const v = uniformFloat64(rng);
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork: (label) => createRandom(hashLabel(seed, label)),
  };
  return random;
}
