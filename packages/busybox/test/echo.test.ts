// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MUSL_BUSYBOX } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import {
  ashEchoEscapes,
  bracedEchoEscapes,
  type DashEcho,
  dashEcho,
  dashEchoEscapes,
} from "../src/index.js";

const texts = (args: string[]) => dashEchoEscapes(args).map((e) => e.text);

describe("bracedEchoEscapes", () => {
  it("names escapes of a word a ${ } hands on, not of a pattern or a ? message", () => {
    const braced = (word: string) => bracedEchoEscapes([word], "dash");
    expect(braced('"${X:-a\\tb}"')).toEqual(["\\t"]);
    expect(braced('"${X+a\\nb}${X:=c\\td}"')).toEqual(["\\n", "\\t"]);
    expect(braced('"${X:-${Y:+a\\nb}}"')).toEqual(["\\n"]);
    for (const word of [
      '"${X#a\\tb}"',
      '"${X##a\\tb}"',
      '"${X%a\\tb}"',
      '"${X%%a\\tb}"',
      '"${X:?a\\tb}"',
      '"${X:-${Y#a\\tb}}"',
      '"${X#${Y:-a\\tb}}"',
      '"${#X}"',
      '"${X:-$(echo a\\tb)}"',
    ])
      expect([word, braced(word)]).toEqual([word, []]);
  });
});

describe("dashEchoEscapes", () => {
  it("finds the escapes that reach echo, in every quoting", () => {
    expect(texts(['"[global]\\nindex-url = x\\ntimeout = 60"'])).toEqual(["\\n", "\\n"]);
    expect(texts(["'a\\tb'", "'\\0101'", "'\\101'", "x\\\\cy"])).toEqual([
      "\\t",
      "\\0101",
      "\\101",
      "\\c",
    ]);
    // Inside double quotes `\\` hands echo one backslash, which then escapes the n.
    expect(texts(['"C:\\\\new"'])).toEqual(["\\n"]);
    expect(texts(['"a\\\\\\\\b"'])).toEqual(["\\\\"]);
  });

  it("leaves what never reaches echo as an escape, and escapes dash prints as written", () => {
    // Unquoted `\n` is n by the time echo sees it; `\x41`, `\q`, `\8` print as written.
    expect(texts(["a\\nb", "'\\x41'", "'\\q\\8'", '"$HOME\\$x"'])).toEqual([]);
    expect(texts(["'a\\'"])).toEqual([]);
  });

  it("reads -n as dash's only option, and stops at \\c", () => {
    expect(texts(["-n", "'a\\n'"])).toEqual(["\\n"]);
    expect(texts(["'a\\cb'", "'\\n'"])).toEqual(["\\c"]);
    expect(texts(["-e", "'a\\n'"])).toEqual(["\\n"]);
  });

  it("gives up on words it cannot read", () => {
    expect(texts(["$'a\\nb'"])).toEqual([]);
    expect(texts(['"a\\n'])).toEqual([]);
  });
});

describe("a call of many words", () => {
  // Only the words that hold a backslash are read character by character; the others still
  // count, for the word index of an escape and for the options in front.
  const plain = Array.from({ length: 3000 }, (_, i) => (i % 2 ? "'a b'" : `w${i}`));

  it("finds an escape after thousands of plain words, by its word index", () => {
    const args = [...plain, "'x\\ty'", ...plain, '"\\0777"'];
    expect(dashEchoEscapes(args)).toEqual([
      { word: 3000, start: 2, end: 4, text: "\\t" },
      { word: 6001, start: 1, end: 6, text: "\\0777" },
    ]);
    expect(ashEchoEscapes(["-n", ...args]).map((e) => e.word)).toEqual([3001, 6002]);
    expect(dashEcho(["-n", ...args])).toMatchObject({
      kind: "rewrite",
      option: "-ne",
      edits: [{ word: 6002, start: 1, end: 6, text: "\\0377" }],
    });
  });

  it("still reads the options in front, and \\c ends the call", () => {
    expect(ashEchoEscapes(["-n", "-e", ...plain, "'\\n'"])).toEqual([]);
    expect(dashEchoEscapes([...plain, "'\\c'", ...plain, "'\\n'"]).map((e) => e.text)).toEqual([
      "\\c",
    ]);
    expect(dashEcho(plain)).toEqual({ kind: "none" });
  });
});

describe("ashEchoEscapes", () => {
  it("finds nothing when busybox's -e is in force", () => {
    expect(ashEchoEscapes(["-e", "'a\\nb'"])).toEqual([]);
    expect(ashEchoEscapes(["-ne", "'a\\nb'"])).toEqual([]);
    expect(ashEchoEscapes(["-eE", "'a\\nb'"]).map((e) => e.text)).toEqual(["\\n"]);
    expect(ashEchoEscapes(["-n", "'a\\nb'"]).map((e) => e.text)).toEqual(["\\n"]);
  });
});

describe("dashEcho", () => {
  it("adds -e, or makes dash's -n -ne", () => {
    expect(dashEcho(['"a\\nb"'])).toMatchObject({ kind: "rewrite", option: "-e", edits: [] });
    expect(dashEcho(["-n", '"a\\nb"'])).toMatchObject({ kind: "rewrite", option: "-ne" });
    expect(dashEcho(["'plain'"])).toEqual({ kind: "none" });
  });

  it("respells an octal escape past 255 and a \\x busybox would read", () => {
    expect(dashEcho(["'\\0777'", "\\\\400", '"\\x41"'])).toMatchObject({
      kind: "rewrite",
      edits: [
        { word: 0, start: 1, end: 6, text: "\\0377" },
        { word: 1, start: 0, end: 5, text: "\\\\0000" },
        { word: 2, start: 1, end: 1, text: "\\\\" },
      ],
    });
    expect(dashEcho(["'\\n\\x41'"])).toMatchObject({
      edits: [{ word: 0, start: 3, end: 3, text: "\\" }],
    });
  });

  it("declines a first word busybox would take as its option, or an escape across quotes", () => {
    expect(dashEcho(["-e", '"a\\nb"'])).toMatchObject({
      kind: "declined",
      reason: "option",
      word: "-e",
    });
    expect(dashEcho(["-n", "-E", "'\\t'"])).toMatchObject({ kind: "declined", reason: "option" });
    expect(dashEcho(["'\\0'777"])).toMatchObject({ kind: "declined", reason: "split" });
  });
});

/** The argument words of the busybox call a rewrite gives. */
function rewritten(args: string[], r: Extract<DashEcho, { kind: "rewrite" }>): string[] {
  const out = [...args];
  for (const e of [...r.edits].sort((a, b) => b.start - a.start)) {
    const w = out[e.word]!;
    out[e.word] = w.slice(0, e.start) + e.text + w.slice(e.end);
  }
  return r.option === "-ne" ? ["-ne", ...out.slice(1)] : ["-e", ...out];
}

/** A fixed pseudo-random sequence (xorshift), so every run draws the same calls. */
function picker(seed: number): <T>(from: readonly T[]) => T {
  let state = seed;
  return (from) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return from[state % from.length] as (typeof from)[number];
  };
}

const SINGLE = ["\\", "\\", "n", "t", "c", "x", "4", "1", "0", "0", "7", "3", "8", "e", "q", " "];
const DOUBLE = ["\\\\", "\\n", "\\0", "\\x", "\\c", "\\t", "n", "0", "7", "4", "1", "x", " "];
const BARE = ["\\\\", "\\n", "n", "0", "7", "4", "3", "x", "a"];
const EXPANSIONS = ["$V", "${V}", '"$V"'];

/** Echo argument lists of quoted and bare runs full of backslashes, digits and escape letters. */
function* calls(count: number): Generator<string[]> {
  const pick = picker(2026);
  const run = (from: readonly string[], n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += pick(from);
    return s;
  };
  const counts = [0, 1, 2, 3, 4, 5, 6];
  const piece = () => {
    const kind = pick(["single", "single", "double", "double", "bare", "var"] as const);
    if (kind === "single") return `'${run(SINGLE, pick(counts))}'`;
    if (kind === "double") return `"${run(DOUBLE, pick(counts))}"`;
    if (kind === "bare") return run(BARE, pick(counts.slice(1)));
    return pick(EXPANSIONS);
  };
  for (let n = 0; n < count; n++) {
    const args: string[] = [];
    const lead = pick(["", "", "", "", "-n", "-e", "-E", "-ne"]);
    if (lead) args.push(lead);
    for (let w = pick([1, 1, 2, 2, 3, 4]); w > 0; w--) {
      let word = "";
      for (let p = pick([1, 1, 2, 3]); p > 0; p--) word += piece();
      args.push(word);
    }
    yield args;
  }
}

const BUSYBOX = MUSL_BUSYBOX;
const DASH = ["/usr/bin/dash", "/bin/dash"].find(existsSync);
const SEPARATOR = "@@SEP@@";
/**
 * `$V` for the `$V` words: with escapes both read the same way (dash's echo reads what a variable
 * holds too, so does busybox -e), or without any where only the written escapes may count.
 */
const ESCAPING = "V='v\\tw\\0101'\n";
const PLAIN = "V='w v'\n";

/** Each line's output, run by one shell process in an empty directory (no glob matches). */
function outputs(shell: string[], lines: string[], prelude = PLAIN): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-echo-"));
  try {
    const script = prelude + lines.map((l) => `${l}\nprintf '\\n${SEPARATOR}\\n'`).join("\n");
    const r = spawnSync(shell[0]!, [...shell.slice(1), "-c", script], {
      cwd: dir,
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    const out = r.stdout.toString("latin1").split(`\n${SEPARATOR}\n`);
    return out.slice(0, lines.length).map((s) => Buffer.from(s, "latin1"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const missing = [
  existsSync(BUSYBOX) ? "" : `musl busybox not at ${BUSYBOX} (scripts/ci/install-busybox.sh)`,
  DASH ? "" : "dash not installed (apt-get install dash)",
].filter(Boolean);

describe.skipIf(missing.length > 0)(
  `echo under dash and musl busybox ash${missing.length > 0 ? ` (skipped: ${missing.join("; ")})` : ""}`,
  () => {
    const all = [...calls(4000)];

    it("busybox echo -e of the rewrite prints dash's bytes, for every call rewritten", () => {
      const cases = all.flatMap((args) => {
        const r = dashEcho(args);
        return r.kind === "rewrite" ? [{ args, busybox: rewritten(args, r) }] : [];
      });
      expect(cases.length).toBeGreaterThan(1500);
      // Some need the respelling: without it the test would not see busybox's hex and octal reads.
      expect(
        cases.filter((c) => c.busybox.join(" ") !== `-e ${c.args.join(" ")}`).length,
      ).toBeGreaterThan(100);
      const dash = outputs(
        [DASH!],
        cases.map((c) => `echo ${c.args.join(" ")}`),
        ESCAPING,
      );
      const ash = outputs(
        [BUSYBOX, "ash"],
        cases.map((c) => `echo ${c.busybox.join(" ")}`),
        ESCAPING,
      );
      cases.forEach((c, i) => {
        expect([c.args, c.busybox, ash[i]]).toEqual([c.args, c.busybox, dash[i]]);
      });
    });

    it("finds escapes exactly where dash's echo and busybox's plain echo differ", () => {
      // A first printed word busybox reads as its option differs without any escape.
      const cases = all.filter((args) => {
        const printed = args[0] === "-n" ? args[1] : args[0];
        return !/^-[neE]+$/.test(printed ?? "");
      });
      const dash = outputs(
        [DASH!],
        cases.map((a) => `echo ${a.join(" ")}`),
      );
      const ash = outputs(
        [BUSYBOX, "ash"],
        cases.map((a) => `echo ${a.join(" ")}`),
      );
      let differing = 0;
      cases.forEach((args, i) => {
        const differs = !dash[i]!.equals(ash[i]!);
        if (differs) differing++;
        expect([args, dashEchoEscapes(args).length > 0]).toEqual([args, differs]);
      });
      expect(differing).toBeGreaterThan(1000);
    });

    it("names ${ } escapes exactly where dash's echo and busybox's plain echo differ", () => {
      const words = [
        ...["-", ":-", "+", ":+", "=", ":=", "#", "##", "%", "%%"].map((op) => `"\${X${op}a\\tb}"`),
        '"${X:-${Y#a\\tb}}"',
        '"${X#${Y:-a\\tb}}"',
        '"${X:+${Y:-a\\nb}}"',
        '"${X:-$Y\\tb}"',
        '"${#:+a\\tb}"',
        '"${#X}"',
        '"${X:-$(echo q\\tr)}"',
      ];
      // X and Y unset, both set to what a pattern matches (a t, not a TAB), then X alone.
      const settings = ["unset X Y", "X=atbq Y=atb", "X=q; unset Y"];
      const lines = words.flatMap((w) => settings.map((set) => `${set}; echo ${w}`));
      const dash = outputs([DASH!], lines);
      const ash = outputs([BUSYBOX, "ash"], lines);
      words.forEach((word, k) => {
        const runs = settings.map((_, j) => k * settings.length + j);
        const differs = runs.some((i) => !dash[i]!.equals(ash[i]!));
        expect([word, bracedEchoEscapes([word], "dash").length > 0]).toEqual([word, differs]);
      });
    });

    it("reads the escapes busybox leaves as written where -e is not in force", () => {
      const cases = all.filter((args) => ashEchoEscapes(args).length === 0);
      const plain = outputs(
        [BUSYBOX, "ash"],
        cases.map((a) => `echo ${a.join(" ")}`),
      );
      const withE = outputs(
        [BUSYBOX, "ash"],
        cases.map((a) => `echo -e ${a.join(" ")}`),
      );
      // Nothing dash would read: busybox -e changes the output only through \x (or the options).
      cases.forEach((args, i) => {
        if (args.some((a) => a.includes("x")) || /^-/.test(args[0] ?? "")) return;
        expect([args, withE[i]]).toEqual([args, plain[i]]);
      });
    });
  },
);
