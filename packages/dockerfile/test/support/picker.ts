/**
 * A fixed pseudo-random sequence (xorshift) from `seed`: `pick` draws one of a list. The
 * equivalence tests draw their generated inputs from it, so every run reads the same texts.
 */
export function picker(seed: number): <T>(from: readonly T[]) => T {
  let state = seed;
  return (from) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return from[state % from.length] as (typeof from)[number];
  };
}
