import type { Token } from "./shell-words.js";

/** Where a `case` being scanned is: its `WORD in`, an arm's patterns, or an arm's commands. */
type Place = "header" | "pattern" | "body";

/** What the scan does with a token, for the cases it is in. */
export type CaseStep =
  | "scan"
  | "skip"
  | { start: true }
  | { armStart: true }
  | { armEnd: true; fallthrough: boolean }
  | { end: true; armOpen: boolean };

/**
 * Follows the `case … esac` commands of a scanned script, so their patterns (`a|b)`) are not read
 * as commands and each arm's end (`;;`, or bash's `;&` and `;;&`, which run on into the next) is
 * known: a case ends with the status of the arm that ran. `;` then `;` or `&` are one token here
 * (the scan's tokenizer gives each `;` alone): see `merged`.
 */
export class CaseArms {
  private readonly places: Place[] = [];

  /** Whether a `;` now may start an arm's end. */
  inBody(): boolean {
    return this.places.at(-1) === "body";
  }

  /** The step for `token`; `atCommand`: no command is being read (a word would be its name). */
  step(token: Token, atCommand: boolean): CaseStep {
    const place = this.places.at(-1);
    if (
      token.kind === "word" &&
      token.text === "case" &&
      atCommand &&
      (place ?? "body") === "body"
    ) {
      this.places.push("header");
      return { start: true };
    }
    if (place === "header") {
      if (token.kind === "word" && token.text === "in")
        this.places[this.places.length - 1] = "pattern";
      return "skip";
    }
    if (place === "pattern") {
      if (token.kind === "word" && token.text === "esac") {
        this.places.pop();
        return { end: true, armOpen: false };
      }
      if (token.kind === "op" && token.text === ")") {
        this.places[this.places.length - 1] = "body";
        return { armStart: true };
      }
      // `;;&` leaves an `&` before the next pattern: the arm runs on, read as a fall through.
      if (token.kind === "op" && token.text === "&") return { armEnd: true, fallthrough: true };
      return "skip";
    }
    if (place !== "body") return "scan";
    if (token.kind === "op" && (token.text === ";;" || token.text === ";&")) {
      this.places[this.places.length - 1] = "pattern";
      return { armEnd: true, fallthrough: token.text === ";&" };
    }
    if (token.kind === "word" && token.text === "esac" && atCommand) {
      this.places.pop();
      return { end: true, armOpen: true };
    }
    return "scan";
  }
}

/** `;` `;` and `;` `&` as one operator (`;;`, `;&`) where `join()` says a case arm may end there. */
export function* merged(tokens: Iterable<Token>, join: () => boolean): Generator<Token> {
  let held: Token | undefined;
  for (const t of tokens) {
    if (held) {
      const pair = t.kind === "op" && (t.text === ";" || t.text === "&");
      held = undefined;
      if (pair) {
        yield { kind: "op", text: `;${t.text}` };
        continue;
      }
      yield { kind: "op", text: ";" };
    }
    if (t.kind === "op" && t.text === ";" && join()) held = t;
    else yield t;
  }
  if (held) yield held;
}
