// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { braceLists, expandedBraceLists, maskQuotes } from "../src/index.js";

/** Words joined by separators, drawn by a fixed pseudo-random sequence (xorshift). */
function* lines(words: readonly string[], joins: readonly string[], count: number) {
  let seed = 42;
  const pick = <T>(from: readonly T[]): T => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return from[seed % from.length] as T;
  };
  for (let n = 0; n < count; n++) {
    let line = pick(words);
    for (let i = pick([0, 1, 2, 3, 4, 5, 6, 7, 8]); i > 0; i--) line += pick(joins) + pick(words);
    yield line;
  }
}

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
const BUSYBOX = join(
  process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test",
  "busybox-musl",
  "busybox",
);

describe.skipIf(!existsSync(BUSYBOX))("brace lists under real musl busybox ash", () => {
  it("keeps every word expandedBraceLists finds as written", () => {
    const script = "echo /app/{logs,data} f{,.bak} {a,b,c}";
    expect(lists(script)).toHaveLength(3);
    const r = spawnSync(BUSYBOX, ["sh", "-c", script], { encoding: "utf8", timeout: 5000 });
    expect(r.stdout).toBe("/app/{logs,data} f{,.bak} {a,b,c}\n");
  });
});
