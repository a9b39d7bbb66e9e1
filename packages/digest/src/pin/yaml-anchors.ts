import { lastBelow } from "./yaml-index.js";

/**
 * Every `&name` in a text where a YAML parser could read an anchor: a `&` at the start of a
 * line or after whitespace, `[`, `{`, `,` or `:`. That is more than the line reader records (it
 * also counts comments, block scalars, quoted text and forms the reader skips, such as an
 * anchor on a sequence item), so an alias is followed only when the anchor the reader found is
 * also the last one written before it: otherwise an `&img` the reader passed over would be the
 * one YAML uses, and pin would write a digest into another value.
 */
export class AnchorTokens {
  private readonly byName = new Map<string, number[]>();

  constructor(text: string) {
    // Matches never overlap and each `&` is tried once: linear, also on a run of `&`.
    for (const m of text.matchAll(/(?<=^|[\s[{,:])&([^\s,[\]{}]+)/gm)) {
      const list = this.byName.get(m[1]!);
      if (list) list.push(m.index);
      else this.byName.set(m[1]!, [m.index]);
    }
  }

  /** Whether the `&name` at offset `anchorAt` is the last one written before offset `before`. */
  isLast(name: string, anchorAt: number, before: number): boolean {
    const list = this.byName.get(name) ?? [];
    const last = lastBelow(list, before);
    return last !== undefined && list[last] === anchorAt;
  }
}
