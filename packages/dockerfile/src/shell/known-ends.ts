/**
 * Where the expansions of a text end, kept while a script is read so that the scripts of its
 * `$( )`s, read out of it, need not read their own `$( )`s again: text nested n deep was read n
 * times over, once by each script around it (n² work, and the stretches read from it more).
 * Offsets are those of the text first read (`offset`: where the text being read starts in it).
 * The end of an expansion depends only on the text from its start on, which is the same there.
 */
export interface KnownEnds {
  ends: Map<number, number>;
  offset: number;
  /**
   * Where the `${ }`s of the text end, kept only while one word's substitutions are looked for
   * (substitutions.ts reads each level of `${x:-${y:-…}}` on its own), never with the script.
   */
  braces?: Map<number, number>;
}

let reading: { text: string; known: KnownEnds } | undefined;

/** The ends known for `text` while {@link withKnownEnds} reads it. */
export function knownEndsFor(text: string): KnownEnds | undefined {
  return reading !== undefined && reading.text === text ? reading.known : undefined;
}

/** Runs `read` with `known` as the ends of `text`, finding and keeping them there. */
export function withKnownEnds<T>(text: string, known: KnownEnds, read: () => T): T {
  const outer = reading;
  reading = { text, known };
  try {
    return read();
  } finally {
    reading = outer;
  }
}

/** `known` for the text that starts `by` characters into the one it is kept for. */
export function shiftedEnds(known: KnownEnds | undefined, by: number): KnownEnds | undefined {
  return known && { ends: known.ends, offset: known.offset + by };
}

// A script's text's ends, kept from when it was read (keyed by the Script object).
const scriptEnds = new WeakMap<object, KnownEnds>();

export function keepEnds(script: object, known: KnownEnds): void {
  scriptEnds.set(script, known);
}

export function endsOf(script: object): KnownEnds | undefined {
  return scriptEnds.get(script);
}
