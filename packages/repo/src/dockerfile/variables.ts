import type { ArgDefault } from "@alpinize/dockerfile";

/** `$X`, `${X}`, `${X:-word}`, `${X-word}`, `${X:+word}`, `${X+word}`, as BuildKit expands a FROM. */
const VARIABLE =
  /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}$]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export interface ExpandedImage {
  /** The image with every variable that has a global ARG default replaced by it. */
  image: string;
  /** Variables left in `image` because no global ARG gives them a value (names as written). */
  unresolved: string[];
}

/**
 * Expands the variables of a FROM image from the global ARG defaults (the last declaration of a
 * name wins, as in the builder). Variables without a default stay as written, so a caller can
 * still judge the image by the parts it can read.
 */
export function expandImage(written: string, args: readonly ArgDefault[]): ExpandedImage {
  const values = new Map<string, string>();
  for (const arg of args) values.set(arg.name, arg.value);
  const unresolved: string[] = [];
  let image = written;
  // An ARG default may itself use an earlier ARG (`ARG BASE=alpine:${V}`); a few rounds suffice.
  for (let round = 0; round < 4 && image.includes("$"); round++) {
    unresolved.length = 0;
    const next = image.replace(VARIABLE, (whole, braced, op, word, bare) => {
      const name: string = braced ?? bare;
      const value = values.get(name);
      const set = value !== undefined;
      const nonEmpty = set && value !== "";
      if (op === ":-" || op === "-") {
        if (op === ":-" ? nonEmpty : set) return value!;
        return word;
      }
      if (op === ":+" || op === "+") return (op === ":+" ? nonEmpty : set) ? word : "";
      if (nonEmpty) return value;
      unresolved.push(name);
      return whole;
    });
    if (next === image) break;
    image = next;
  }
  return { image, unresolved: [...new Set(unresolved)] };
}

/** The image with each variable replaced by `placeholder`, for judging it by its readable parts. */
export function withPlaceholders(image: string, placeholder: string): string {
  return image.replace(VARIABLE, placeholder);
}
