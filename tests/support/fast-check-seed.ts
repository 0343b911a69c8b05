/**
 * Property tests draw their cases from a seed: fast-check names it with every counterexample,
 * and `TEST_SEED=<seed>` makes every property test of a run draw the same cases again.
 */
import fc from 'fast-check';

const given = process.env.TEST_SEED;
if (given !== undefined && given !== '') {
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`TEST_SEED must be a whole number, not "${given}"`);
  fc.configureGlobal({ seed });
}
