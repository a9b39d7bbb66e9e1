import { describe, expect, it } from "vitest";
import { picker } from "../../test/support/picker.js";
import { operatorEndsLine, separatorLine } from "../shell/plan.js";
import { mountFlags } from "./run-flags.js";
import { lastLetterOption, urlsIn, withoutQuery } from "./setup-scripts.js";

/** Texts of pieces drawn by a fixed pseudo-random sequence (xorshift). */
function* texts(pieces: readonly string[], count: number): Generator<string> {
  const pick = picker(41);
  for (let n = 0; n < count; n++) {
    let text = "";
    for (let i = 1 + pick([0, 1, 2, 3, 4, 5, 6, 7]); i > 0; i--) text += pick(pieces);
    yield text;
  }
}

const groups = (m: RegExpExecArray | null) => (m ? [...m] : null);

describe("line and word scans that replaced backtracking expressions", () => {
  it("separatorLine answers as ^[ \\t]*(;|&&|\\|\\|)?[ \\t]*ESC?[ \\t]*$", () => {
    const pieces = [" ", "\t", ";", "&&", "||", "|", "&", "\\", "`", "x"];
    for (const text of texts(pieces, 30_000)) {
      expect([text, separatorLine(text, "")]).toEqual([
        text,
        groups(/^[ \t]*(;|&&|\|\|)?[ \t]*$/.exec(text)),
      ]);
      expect([text, separatorLine(text, "\\")]).toEqual([
        text,
        groups(/^[ \t]*(;|&&|\|\|)?[ \t]*\\[ \t]*$/.exec(text)),
      ]);
    }
    expect(separatorLine(`${" ".repeat(100_000)}x`, "")).toBeNull();
  });

  it("operatorEndsLine answers as (?:&&|\\|\\||\\|)[ \\t]*\\r?\\n$", () => {
    for (const text of texts(["&&", "||", "|", "&", " ", "\t", "\r", "\n", "x"], 30_000)) {
      expect([text, operatorEndsLine(text, text.length)]).toEqual([
        text,
        /(?:&&|\|\||\|)[ \t]*\r?\n$/.test(text),
      ]);
    }
  });

  it("mountFlags finds what (\\s*)--mount=(\\S+) found", () => {
    const pieces = [" ", "\t", "--mount=", "type=cache", ",", "--mount=x", "--network=none", "\n"];
    for (const text of texts(pieces, 30_000)) {
      const old = [...text.matchAll(/(\s*)--mount=(\S+)/g)].map((m) => [m.index, ...m]);
      expect([text, [...mountFlags(text)].map((m) => [m.index, ...m])]).toEqual([text, old]);
    }
    expect([...mountFlags(`${" ".repeat(100_000)}--network=none`)]).toEqual([]);
  });

  it("lastLetterOption answers as ^-([a-zA-Z]*)([oO])(.*)$ and its -O form", () => {
    for (const word of texts(["-", "o", "O", "f", "s", "L", "x", "1", "/", "\n"], 30_000)) {
      expect([word, lastLetterOption(word, "oO") ?? null]).toEqual([
        word,
        groups(/^-([a-zA-Z]*)([oO])(.*)$/.exec(word)),
      ]);
      const wget = /^-([a-zA-Z]*)O(.*)$/.exec(word);
      const mine = lastLetterOption(word, "O");
      expect([word, mine ? [mine[1], mine[3]] : null]).toEqual([word, wget && [wget[1], wget[2]]]);
    }
    expect(lastLetterOption(`-${"o".repeat(100_000)}\n`, "oO")).toBeUndefined();
  });

  it("withoutQuery and urlsIn answer as the former expressions", () => {
    const pieces = ["?", "#", "a", "/", "\n", "http", "://", "x.io", " ", "'", "(", "S"];
    for (const text of texts(pieces, 30_000)) {
      expect([text, withoutQuery(text)]).toEqual([text, text.replace(/[?#].*$/, "")]);
      expect([text, urlsIn(text)]).toEqual([text, text.match(/[a-z]+:\/\/[^\s'"`()]+/gi) ?? []]);
    }
    expect(urlsIn("a".repeat(100_000))).toEqual([]);
    expect(withoutQuery(`${"?".repeat(100_000)}\nx`)).toBe(`${"?".repeat(100_000)}\nx`);
  });
});
