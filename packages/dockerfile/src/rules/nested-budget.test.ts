import { afterEach, describe, expect, it } from "vitest";
import { parseScript } from "../shell/script.js";
import { offsetSource, type ShellSource } from "../shell/source.js";
import { resetNestedBudget, withNestedSources } from "./nested.js";

const TEXT = `sh -c 'echo a' && sh -c 'sh -c "echo b"' && bash -c 'echo c' && sh -c 'echo "$x"'`;

/** A fresh source of `TEXT`, as a RUN's script is once per migration. */
function source(): ShellSource {
  const parent = {
    file: TEXT,
    escapeChar: "\\",
    span: (a: number, b: number) => [a, b] as [number, number],
    direct: true,
  };
  return offsetSource(parent, parseScript(TEXT), 0);
}

/** Each source's text and file span. */
const shown = (sources: ShellSource[]) =>
  sources.map((s) => `${s.span(0, s.script.text.length).join("-")} ${s.script.text}`);

afterEach(() => resetNestedBudget());

describe("withNestedSources past its budget of kept strings", () => {
  it("reads the same strings, parsing those past the budget again on each call", () => {
    resetNestedBudget();
    const all = shown(withNestedSources(source()));
    expect(all).toEqual([
      `0-${TEXT.length} ${TEXT}`,
      "7-13 echo a",
      '25-39 sh -c "echo b"',
      "32-38 echo b",
      "53-59 echo c",
      '71-80 echo "$x"',
    ]);
    resetNestedBudget(2);
    const src = source();
    const first = withNestedSources(src);
    const again = withNestedSources(src);
    expect(shown(first)).toEqual(all);
    expect(shown(again)).toEqual(all);
    // The first two strings (and the one inside the second) are kept: the same objects on each
    // call; the budget was spent before the last two, read anew.
    for (let i = 0; i < 4; i++) expect(again[i]).toBe(first[i]);
    expect(again[4]).not.toBe(first[4]);
    expect(again[5]).not.toBe(first[5]);
  });

  it("keeps every string again once a new migration starts the budget anew", () => {
    resetNestedBudget(1);
    withNestedSources(source());
    resetNestedBudget();
    const src = source();
    expect(withNestedSources(src)).toBe(withNestedSources(src));
  });
});
