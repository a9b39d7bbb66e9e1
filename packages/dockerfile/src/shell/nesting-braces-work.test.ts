// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${x} on purpose
import { describe, expect, it, vi } from "vitest";
import { MAY_EXIT, mayExit } from "./command-status.js";
import { parseScript } from "./script.js";
import { textSource } from "./source.js";
import { substitutionsOf } from "./substitutions.js";

// Every expansion the word reader reads asks first for the ends kept for its text: counting those
// questions counts the expansions read (work counted, not timed).
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock("./known-ends.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("./known-ends.js")>();
  return {
    ...original,
    knownEndsFor: (text: string) => {
      reads.count++;
      return original.knownEndsFor(text);
    },
  };
});

/** `echo ${a:-${a:-…a}}`, `n` levels deep, with a `$( )` in the innermost. */
const nested = (n: number) => `echo ${"${a:-".repeat(n)}$(echo x)${"}".repeat(n)}`;

/** Expansions read while the substitutions of an already parsed script are looked for. */
function expansionsRead(text: string): { count: number; texts: string[] } {
  const src = textSource(parseScript(text));
  reads.count = 0;
  const texts = substitutionsOf(src).map((s) => s.text);
  return { count: reads.count, texts };
}

describe("substitutions in ${x:-${y:-…}} nested deep", () => {
  // Each level of `${ }` was looked into on its own, in a copy of its text, and reading where it
  // ends read every level inside it again: 190 levels read about 18,000 expansions (migrate 200
  // deep took 12 ms, growing with the square of the depth).
  it("reads twice as deep about twice as many expansions", () => {
    const [shallow, deep] = [95, 190].map((n) => expansionsRead(nested(n)));
    expect(shallow!.texts).toEqual(["echo x"]);
    expect(deep!.texts).toEqual(["echo x"]);
    expect(deep!.count / shallow!.count).toBeLessThan(2.5);
    expect(deep!.count).toBeLessThan(10 * 190);
  });

  it("still finds those in each level of ${ } and $(( ))", () => {
    const text = 'echo ${a:-$(echo x)${b:-"$(echo y)"}} $((1 + ${c:-`echo z`}))';
    expect(expansionsRead(text).texts).toEqual(["echo x", "echo y", "echo z"]);
  });
});

describe("mayExit", () => {
  // MAY_EXIT tried each `${` up to the next `}`: n² steps for a word n levels deep. The pass that
  // replaced it must answer as the pattern does.
  it("answers as MAY_EXIT on every word of up to six characters of ${}?($a", () => {
    const chars = ["$", "{", "}", "?", "(", "a"];
    let words = [""];
    for (let len = 1; len <= 6; len++) {
      words = words.flatMap((w) => chars.map((c) => w + c));
      for (const w of words) expect([w, mayExit(w, false)]).toEqual([w, MAY_EXIT.test(w)]);
    }
  });

  it("finds ${x?} and $(( )) deep in a word", () => {
    const deep = "${a:-".repeat(5000);
    expect(mayExit(`${deep}\${b?}${"}".repeat(5000)}`, false)).toBe(true);
    expect(mayExit(`${deep}$((1/0))`, false)).toBe(true);
    expect(mayExit(`${deep}b}?`, false)).toBe(false);
  });
});
