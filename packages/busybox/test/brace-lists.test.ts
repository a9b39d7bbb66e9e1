// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { drawnLines, MUSL_BUSYBOX, range } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { braceLists, expandedBraceLists, maskQuotes } from "../src/index.js";

/** Words joined by 0 to 8 separators, drawn by a fixed pseudo-random sequence. */
const lines = (words: readonly string[], joins: readonly string[], count: number) =>
  drawnLines(42, words, joins, range(0, 8), count);

const lists = (script: string) => expandedBraceLists(maskQuotes(script).bare);

describe("braceLists", () => {
  it("finds the lists the former expression found", () => {
    const old = /(?<!\$)\{[^\s{}]*,[^\s{}]*\}/g;
    const words = ["{", "}", ",", "a", "$", "${", "{a,b}", "x"];
    let found = 0;
    for (const line of lines(words, ["", "", " ", "\n"], 30_000)) {
      const mine = [...braceLists(line)];
      expect([line, mine]).toEqual([line, [...line.matchAll(old)].map((m) => m.index)]);
      found += mine.length;
    }
    expect(found).toBeGreaterThan(1000);
    expect([...braceLists(`{${",".repeat(100_000)}`)]).toEqual([]);
  });
});

describe("expandedBraceLists", () => {
  it("finds the lists of unquoted words, at their brace", () => {
    expect(lists("mkdir -p /app/{logs,data}")).toEqual([14]);
    expect(lists("cp f f{,.bak} && env X={a,b} run")).toEqual([6, 23]);
  });

  it("leaves quoted text, comments, ${…}, assignments, {} and groups", () => {
    expect(lists(`echo '{a,b}' "{a,b}" \\{a,b} # {a,b}`)).toEqual([]);
    expect(lists("echo ${x:-{a,b}} ${y/,/}")).toEqual([]);
    expect(lists("X={a,b} Y=1 run; if Z={a,b} true; then :; fi")).toEqual([]);
    expect(lists("find . -exec rm {} + ; { a; b; }")).toEqual([]);
  });
});

// What the lists are about: busybox ash keeps such a word as written, where that binary is here.
const BUSYBOX = MUSL_BUSYBOX;

describe.skipIf(!existsSync(BUSYBOX))("brace lists under real musl busybox ash", () => {
  it("keeps every word expandedBraceLists finds as written", () => {
    const script = "echo /app/{logs,data} f{,.bak} {a,b,c}";
    expect(lists(script)).toHaveLength(3);
    const r = spawnSync(BUSYBOX, ["sh", "-c", script], { encoding: "utf8", timeout: 5000 });
    expect(r.stdout).toBe("/app/{logs,data} f{,.bak} {a,b,c}\n");
  });
});
