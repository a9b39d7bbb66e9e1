/**
 * How many times longer `run` takes on `large` than on `small`. Each round times each input in
 * turn, calling it again until 30 ms have passed (a millisecond run alone is mostly noise), and
 * the best round of five counts, so other work on the machine weighs on both sides alike. Linear
 * code grows by the size factor between the two inputs, quadratic code by its square.
 */
export function growth(run: (text: string) => unknown, small: string, large: string): number {
  run(small);
  run(large);
  const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let round = 0; round < 5; round++) {
    for (const [k, text] of [small, large].entries()) {
      const start = performance.now();
      let calls = 0;
      let spent = 0;
      do {
        run(text);
        calls++;
        spent = performance.now() - start;
      } while (spent < 30);
      best[k] = Math.min(best[k]!, spent / calls);
    }
  }
  return best[1]! / best[0]!;
}
