// A small seeded PRNG (mulberry32) so a simulation replays exactly from its seed: the same seed gives
// the same election timeouts and message delays in the browser, in Node and in the property test.
// Its whole state is one number, so a snapshot of a simulation (for the timeline) can carry it.
// Not for anything secret — keys and serials use crypto.getRandomValues.
export type Random = () => number;

/** The generator's state: one 32-bit number, plain data that structuredClone copies. */
export interface RandomState {
  state: number;
}

export function randomState(seed: number): RandomState {
  return { state: seed >>> 0 };
}

/** The next number in [0, 1), advancing `rng`. */
export function nextRandom(rng: RandomState): number {
  rng.state = (rng.state + 0x6d2b79f5) >>> 0;
  let t = rng.state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function seededRandom(seed: number): Random {
  const rng = randomState(seed);
  return () => nextRandom(rng);
}

/** A whole number in [min, max). */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min));
}
