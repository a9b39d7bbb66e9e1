/**
 * A seeded pseudo-random source for the differential tests: the same scripts on every run, so
 * a disagreement with dash or bash can be replayed. rand(n) gives an integer in [0, n).
 */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
}
