import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintEntrypoint } from "../src/index.js";
import { backquoteText } from "../src/shell/backquote.js";
import { makeRoot, skipReason, type TestRoot } from "./support/roots.js";

/**
 * Assignments whose value runs echo in backquotes, and what the lint should say: the escapes
 * echo gets after the backquotes took their backslashes off, at the column of the first one as
 * written (line 2, after `#!/bin/sh`), or nothing.
 */
const CASES: Array<[value: string, finding: string | undefined]> = [
  ["`echo '\\\\x41'`", undefined],
  ["`echo 'a\\\\tb'`", "2:11 \\t"],
  ["`echo 'a\\\\\\\\tb'`", "2:11 \\\\"],
  ["`echo a\\\\\\\\nb`", "2:10 \\n"],
  ["`echo '\\$HOME\\\\c'`", "2:16 \\c"],
  ["`echo $(echo '\\\\x41')`", undefined],
  ["`echo $(echo 'a\\\\nb')`", "2:18 \\n"],
  ['"`echo \\"a\\\\tb\\"`"', "2:13 \\t"],
  ['"`echo \'\\"a\\\\x41\'`"', undefined],
  ["`echo 'a\\\"b\\\\x41'`", undefined],
  ["`echo 'a\\\n\\\\tb'`", "3:1 \\t"],
];

/** Single-quoted words in backquotes: sh hands printf what backquoteText reads. */
const WORDS = [
  "a\\\\b",
  "a\\\\\\\\b",
  "\\$x",
  "\\`",
  'a\\"b',
  "a\\\nb",
  "a\\\\\nb",
  "a\\\n\\\\b",
  "\\x",
];

const script = (value: string) => `#!/bin/sh\nx=${value}\nprintf '%s' "$x"\n`;

function echoFinding(value: string): string | undefined {
  const f = lintEntrypoint(script(value)).find((x) => x.rule === "echo-escapes");
  if (!f) return undefined;
  const shown = f.message.slice("echo with ".length, f.message.indexOf(": Debian"));
  return `${f.line}:${f.column} ${shown}`;
}

describe("lint: echo escapes inside backquotes", () => {
  it.each(CASES)("x=%s: judged after the backquotes take their backslashes off", (value, want) => {
    expect(echoFinding(value)).toBe(want);
  });
});

const DASH = spawnSync("dash", ["-c", ":"]).status === 0;
const reason = skipReason("busybox") ?? (DASH ? undefined : "no dash on this machine");

// What the lint says must match the shells: a finding exactly where dash's echo and busybox
// ash's print other bytes, naming escapes echo really gets.
describe.skipIf(reason !== undefined)("echo in backquotes under dash and musl busybox ash", () => {
  let root: TestRoot;
  beforeAll(async () => {
    root = await makeRoot("busybox");
  });
  afterAll(async () => {
    await root?.remove();
  });

  const dash = (text: string) => spawnSync("dash", ["-c", text], { encoding: "utf8" }).stdout;
  const ash = async (text: string) => (await root.exec(["/bin/sh", "-c", text])).stdout;

  it.each(WORDS)("backquoteText(%j) is what sh makes of it", async (word) => {
    for (const [open, quoting] of [
      ["", "plain"],
      ['"', "double"],
    ] as const) {
      const text = `x=${open}\`printf %s '${word}'\`${open}; printf %s "$x"`;
      const want = backquoteText(word, quoting).text;
      expect(dash(text), text).toBe(want);
      expect(await ash(text), text).toBe(want);
    }
  });

  it.each(CASES)("x=%s", async (value) => {
    const found = echoFinding(value);
    const differs = dash(script(value)) !== (await ash(script(value)));
    expect(found !== undefined, `dash and ash ${differs ? "differ" : "agree"}`).toBe(differs);
    // The words echo gets, as printf prints them: the same under both shells.
    const args = script(value).replace(/echo /g, "printf '[%s]' ");
    const got = dash(args);
    expect(await ash(args)).toBe(got);
    for (const named of found?.split(" ").slice(1) ?? []) expect(got).toContain(named);
  });
});
