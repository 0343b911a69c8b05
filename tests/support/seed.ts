/**
 * Seeded randomness for tests: every random choice a test makes comes from a seed that is printed
 * when the test fails, and the same seed in the environment makes the same choices again.
 */
import { onTestFailed } from 'vitest';

/** mulberry32: a small random source that gives the same numbers for the same seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    next,
    /** A whole number from `min` to `max`, both included. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    bytes: (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(next() * 256))),
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** The seed in `variable` (a whole number), or a fresh one when it is not set. */
export function seedFrom(variable: string): number {
  const given = process.env[variable];
  if (given === undefined || given === '') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`${variable} must be a whole number, not "${given}"`);
  return seed;
}

export type TestSeed = Random & { seed: number; replay: string };

/**
 * A random source seeded from `TEST_SEED` (or `variable`), for the test file `file`. Call
 * `printOnFailure` inside each test that uses it.
 */
export function testSeed(file: string, variable = 'TEST_SEED'): TestSeed {
  const seed = seedFrom(variable);
  return { ...seededRandom(seed), seed, replay: `${variable}=${seed} npx vitest run ${file}` };
}

/** Inside a running test: when it fails, says which seed made its random choices and how to run them again. */
export function printSeedOnFailure(random: Pick<TestSeed, 'seed' | 'replay'>, detail = ''): void {
  onTestFailed(() => {
    console.error(`random choices from seed ${random.seed}${detail ? ` (${detail})` : ''}; run again with: ${random.replay}`);
  });
}
