/**
 * A picker over a fixed xorshift32 sequence: generated test inputs are the same on every run,
 * so a failure names a case that fails again.
 */
export function seededPick(seed: number): <T>(from: readonly T[]) => T {
  let state = seed;
  return <T>(from: readonly T[]): T => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return from[state % from.length] as T;
  };
}

/** `count` texts, each `pick(lengths)` pieces drawn from `pieces` and concatenated. */
export function* drawnConcat(
  seed: number,
  pieces: readonly string[],
  lengths: readonly number[],
  count: number,
): Generator<string> {
  const pick = seededPick(seed);
  for (let n = 0; n < count; n++) {
    let text = "";
    for (let i = pick(lengths); i > 0; i--) text += pick(pieces);
    yield text;
  }
}

/** `count` lines, each a word, then `pick(more)` times a separator from `joins` and a word. */
export function* drawnLines(
  seed: number,
  words: readonly string[],
  joins: readonly string[],
  more: readonly number[],
  count: number,
): Generator<string> {
  const pick = seededPick(seed);
  for (let n = 0; n < count; n++) {
    let line = pick(words);
    for (let i = pick(more); i > 0; i--) line += pick(joins) + pick(words);
    yield line;
  }
}

/** Every word over `alphabet` up to `length` characters (the empty one first), then `whole`. */
export function allWords(
  alphabet: readonly string[],
  length: number,
  whole: readonly string[] = [],
): string[] {
  let layer = [""];
  const out = [""];
  for (let n = 0; n < length; n++) {
    layer = layer.flatMap((w) => alphabet.map((c) => w + c));
    out.push(...layer);
  }
  return [...out, ...whole];
}

/** `[from, from + 1, …, to]`: the draw counts the generators take. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
