// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell text, not templates
import { describe, expect, it } from "vitest";
import { rewriteEntrypoint, scanShell } from "../src/index.js";
import { finalDescriptors } from "../src/rewrite/redirects.js";
import { parses } from "./support/rewrite.js";
import { BUSYBOX } from "./support/roots.js";

/** The rewritten line for one line of a script under SHEBANG (the source lines dropped). */
function rewritten(line: string, shebang = "#!/bin/sh", shimSource?: "inline"): string {
  const r = rewriteEntrypoint(`${shebang}\n${line}\n`, shimSource ? { shimSource } : {});
  const marker = "# <<< alpinize shims <<<\n";
  const body = shimSource ? r.output.slice(r.output.indexOf(marker) + marker.length) : r.output;
  return body
    .split("\n")
    .slice(shimSource ? 0 : 3)
    .join("\n")
    .replace(/\n$/, "");
}

// The user's redirections stay as written and in order; a call that prints what the tool did
// not (the group name, `changed`) gets one `>/dev/null` more, last, unless stdout already
// ends at /dev/null.
const SH_FORMS: Array<[string, string]> = [
  [
    "groupadd -g 999 docker 2>/dev/null || true",
    "alpinize_ensure_group docker 999 2>/dev/null >/dev/null || true",
  ],
  ["groupadd -g 998 d2 >/dev/null 2>&1", "alpinize_ensure_group d2 998 >/dev/null 2>&1"],
  ["groupadd -g 998 d2 > /dev/null", "alpinize_ensure_group d2 998 > /dev/null"],
  ["groupadd -g 5 g 2>&1 | tee -a log", "alpinize_ensure_group g 5 2>&1 >/dev/null | tee -a log"],
  ["groupadd -g 5 g >>log", "alpinize_ensure_group g 5 >>log >/dev/null"],
  ["groupadd -g 5 g <input", "alpinize_ensure_group g 5 <input >/dev/null"],
  ["groupadd -g 5 g >&2 2>/dev/null", "alpinize_ensure_group g 5 >&2 2>/dev/null >/dev/null"],
  ["2>/dev/null groupadd -g 5 g", "2>/dev/null alpinize_ensure_group g 5 >/dev/null"],
  [">/dev/null groupadd -g 5 g 2>&1", ">/dev/null alpinize_ensure_group g 5 2>&1"],
  [
    "usermod -aG docker app 2>/dev/null",
    "alpinize_add_user_to_group app docker 2>/dev/null >/dev/null",
  ],
  [
    "usermod -aG a,b app 2>>err.log",
    "{ alpinize_add_user_to_group app a >/dev/null && alpinize_add_user_to_group app b >/dev/null; } 2>>err.log",
  ],
  [
    "useradd -u 1000 -g app -d /app -s /bin/sh app 2>/dev/null",
    "alpinize_ensure_user app 1000 app /app /bin/sh 2>/dev/null",
  ],
  ["gosu app cmd 2>&1", "(alpinize_exec_as app cmd) 2>&1"],
  ["2>/dev/null gosu app cmd >log", "(alpinize_exec_as app cmd) 2>/dev/null >log"],
  ["groupadd -g 5 g <<EOF\nbody\nEOF", "alpinize_ensure_group g 5 <<EOF >/dev/null\nbody\nEOF"],
];

const BASH_FORMS: Array<[string, string]> = [
  ["groupadd -g 5 g &>/dev/null", "alpinize_ensure_group g 5 &>/dev/null"],
  ["groupadd -g 5 g &>/dev/null || true", "alpinize_ensure_group g 5 &>/dev/null || true"],
  ["groupadd -g 5 g >&/dev/null", "alpinize_ensure_group g 5 >&/dev/null"],
  ["groupadd -g 5 g &>>log", "alpinize_ensure_group g 5 &>>log >/dev/null"],
  [
    'groupadd -g 5 g <<<"$x" 2>/dev/null',
    'alpinize_ensure_group g 5 <<<"$x" 2>/dev/null >/dev/null',
  ],
  ["&>/dev/null groupadd -g 5 g", "&>/dev/null alpinize_ensure_group g 5"],
];

describe("redirections on rewritten commands", () => {
  it.each(SH_FORMS)("sh: %s", (line, expected) => {
    expect(rewritten(line)).toBe(expected);
    expect(rewritten(line, "#!/bin/sh", "inline")).toBe(expected);
  });

  it.each(BASH_FORMS)("bash: %s", (line, expected) => {
    expect(rewritten(line, "#!/bin/bash")).toBe(expected);
    expect(rewritten(line, "#!/bin/bash", "inline")).toBe(expected);
  });

  it("changes nothing on its own output, which dash, busybox ash and bash accept", () => {
    const sh = `#!/bin/sh\n${SH_FORMS.map(([l]) => l).join("\n")}\n`;
    const bash = `#!/bin/bash\n${BASH_FORMS.map(([l]) => l).join("\n")}\n`;
    for (const [script, shells] of [
      [sh, [["dash"], [BUSYBOX, "sh"], ["bash"]]],
      [bash, [["bash"]]],
    ] as const) {
      for (const source of [undefined, "inline" as const]) {
        const once = rewriteEntrypoint(script, source ? { shimSource: source } : {}).output;
        expect(once).not.toBe(script);
        expect(rewriteEntrypoint(once, source ? { shimSource: source } : {}).output).toBe(once);
        for (const shell of shells) parses([...shell], once);
      }
    }
  });
});

describe("redirections on a captured group name", () => {
  const capture = (redirs: string) =>
    rewriteEntrypoint(
      `#!/bin/sh\nif x; then groupadd -g 9 d ${redirs} || true; fi\nusermod -aG d app\n`,
    );

  it("keeps those of other descriptors inside the $( ) as written", () => {
    expect(capture("2>/dev/null <in").output).toContain(
      "alpinize_group_d=$(alpinize_ensure_group d 9 2>/dev/null <in) || true",
    );
  });

  it("parks the pipe on fd 9 around those of stdout, so the name still reaches the capture", () => {
    expect(capture(">/dev/null 2>&1").output).toContain(
      "alpinize_group_d=$(alpinize_ensure_group d 9 9>&1 >/dev/null 2>&1 >&9 9>&-) || true",
    );
    expect(capture(">>log").output).toContain(
      "alpinize_group_d=$(alpinize_ensure_group d 9 9>&1 >>log >&9 9>&-) || true",
    );
  });

  it("moves redirections before the name inside the $( ), where every shell applies them", () => {
    const r = rewriteEntrypoint("if x; then 2>/dev/null groupadd -g 9 d; fi\nusermod -aG d app\n");
    expect(r.output).toContain(
      "then alpinize_group_d=$(alpinize_ensure_group d 9 2>/dev/null); fi",
    );
  });

  it("does not capture, and says so, when stderr would go where the name goes (2>&1)", () => {
    const r = capture("2>&1");
    expect(r.output).toContain("alpinize_ensure_group d 9 2>&1 >/dev/null || true");
    expect(r.output).toContain("alpinize_add_user_to_group app d >/dev/null");
    expect(r.warnings.map((w) => [w.rule, w.line])).toEqual([["group-name", 2]]);
  });

  it("parses under dash and busybox ash, and changes nothing the second time", () => {
    for (const redirs of ["2>/dev/null", ">/dev/null 2>&1", "2>&1", ">log"]) {
      const once = capture(redirs).output;
      expect(rewriteEntrypoint(once).output).toBe(once);
      parses(["dash"], once);
      parses([BUSYBOX, "sh"], once);
    }
  });
});

describe("the scanner on &>", () => {
  it("reads it as a redirection anywhere under bash, as dash reads it (& then >f) under sh", () => {
    const bash = scanShell("groupadd -g 5 g &>>log || true\n").commands;
    expect(bash.map((c) => c.redirects.map((r) => r.op))).toEqual([["&>>"], []]);
    const sh = scanShell("groupadd -g 5 g &>/dev/null\n", { posix: true }).commands;
    expect(sh.map((c) => [c.words.length, c.redirects.map((r) => r.op)])).toEqual([
      [4, []],
      [0, [">"]],
    ]);
  });
});

describe("finalDescriptors", () => {
  const final = (cmd: string, posix = false) =>
    Object.fromEntries(finalDescriptors(scanShell(cmd, { posix }).commands[0]!.redirects));

  it("follows the redirections in order, as the shell does", () => {
    expect(final("c >/dev/null 2>&1")).toEqual({ 1: "file:/dev/null", 2: "file:/dev/null" });
    expect(final("c 2>&1 >/dev/null")).toEqual({ 1: "file:/dev/null", 2: "fd:1" });
    expect(final("c &>>log")).toEqual({ 1: "file:log", 2: "file:log" });
    expect(final("c >&- 3<&0 <<<x")).toEqual({ 0: "here", 1: "closed", 3: "fd:0" });
    expect(final('c 2>&"$fd" >"$out"')).toEqual({ 1: "file:?", 2: "?" });
  });
});
