import { describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, lintEntrypoint, rewriteEntrypoint } from "../src/index.js";

const SRC = { shimSource: { path: "/l/s.sh" } } as const;
const LEFT = "leaves this call as written";

/** The shadow-tool findings of a script, each with its position as `line:column`. */
const shadowFindings = (script: string) =>
  lintEntrypoint(script)
    .filter((f) => f.rule === "shadow-tool")
    .map((f) => ({ at: `${f.line}:${f.column}`, ...f }));

// Calls the rewrite carries over at top level, captured by the script, with what the fix names.
const CAPTURED: Array<[line: string, column: number, tool: string, shim: string]> = [
  ["x=$(groupadd -g 1016 g)", 5, "groupadd", "alpinize_ensure_group g 1016"],
  ["if out=$(groupadd -g 1017 h 2>&1); then :; fi", 10, "groupadd", "alpinize_ensure_group h 1017"],
  [
    "if ! out=$(useradd -u 1018 -g 1017 -d /app -s /bin/sh u 2>&1); then exit 1; fi",
    12,
    "useradd",
    "alpinize_ensure_user u 1018 1017 /app /bin/sh",
  ],
  ["y=`groupadd -g 1019 k`", 4, "groupadd", "alpinize_ensure_group k 1019"],
  ["out=$(usermod -aG h u)", 7, "usermod", "alpinize_add_user_to_group u h"],
  ['echo "$(gpasswd -a u h)"', 9, "gpasswd", "alpinize_add_user_to_group u h"],
  ["x=$(/usr/sbin/groupadd -g 7 g)", 5, "groupadd", "alpinize_ensure_group g 7"],
];

describe("a shadow tool call whose output the script captures", () => {
  it.each(CAPTURED)(
    "%s: shadow-tool with the reason it is left, at its word",
    (line, column, tool, shim) => {
      const [f, ...more] = shadowFindings(`#!/bin/sh\nset -e\n${line}\n`);
      expect(more).toEqual([]);
      expect(f?.at).toBe(`3:${column}`);
      expect(f?.severity).toBe("error");
      // Consumers (alpinize migrate's shadow package note) read the tool from the message's start.
      expect(f?.message).toMatch(new RegExp(`^${tool} is not on Alpine unless the shadow package`));
      expect(f?.message).toContain(LEFT);
      expect(f?.message).toContain("the shim's output differs");
      expect(f?.fix).toContain(`call it outside the capture`);
      expect(f?.fix).toContain(`which makes it ${shim};`);
      expect(f?.fix).toContain("install shadow");
    },
  );

  it("says the script reads the messages too when the capture takes 2>&1", () => {
    const [with2] = shadowFindings("#!/bin/sh\nx=$(groupadd -g 1 g 2>&1)\n");
    const [without] = shadowFindings("#!/bin/sh\nx=$(groupadd -g 1 g 2>/dev/null)\n");
    expect(with2?.message).toContain("with 2>&1 the script reads the messages too");
    expect(without?.message).toContain(LEFT);
    expect(without?.message).not.toContain("2>&1");
  });

  it("reads bash's <( ) as a capture", () => {
    const [f] = shadowFindings("#!/bin/bash\nwhile read -r l; do :; done < <(groupadd -g 5 g)\n");
    expect(f?.at).toBe("2:33");
    expect(f?.message).toContain(LEFT);
  });

  it("keeps the generic finding for the same calls outside a capture", () => {
    for (const [line] of CAPTURED) {
      const bare = line.replace(/^.*?(?:\$\(|`)(.*?)(?:\)|`).*$/, "$1");
      const [f] = shadowFindings(`#!/bin/sh\n${bare}\n`);
      expect([bare, f?.message]).toEqual([bare, expect.not.stringContaining(LEFT)]);
    }
  });

  it("keeps the generic finding where the rewrite declines the call anyway", () => {
    for (const line of [
      "x=$(useradd -m app)",
      "x=$(usermod -u 5 app)",
      "x=$(groupmod -g 5 g)",
      "x=$(nohup groupadd -g 1 g)",
      "x=$(groupadd g)",
    ]) {
      const [f] = shadowFindings(`#!/bin/sh\n${line}\n`);
      expect([line, f?.rule, f?.message]).toEqual([
        line,
        "shadow-tool",
        expect.not.stringContaining(LEFT),
      ]);
    }
  });
});

describe("the rewrite and what it leaves of a captured call", () => {
  it("leaves it as written under set -e and in if ! out=$( ), and reports each at line:column", () => {
    const script = [
      "#!/bin/sh",
      "set -e",
      "x=$(groupadd -g 1016 g)",
      "if ! out=$(useradd -u 1018 -g 1016 -d /app -s /bin/sh u 2>&1); then",
      '  echo "$out" >&2',
      "fi",
      "groupadd -g 1021 z",
      "",
    ].join("\n");
    const result = rewriteEntrypoint(script, SRC);
    const out = result.output.split("\n");
    expect(out).toContain("x=$(groupadd -g 1016 g)");
    expect(out).toContain("if ! out=$(useradd -u 1018 -g 1016 -d /app -s /bin/sh u 2>&1); then");
    expect(out).toContain("alpinize_ensure_group z 1021 >/dev/null");
    const left = findingsLeftAfterRewrite(script, result).filter((f) => f.rule === "shadow-tool");
    expect(left.map((f) => `${f.line}:${f.column}`)).toEqual(["3:5", "4:12"]);
    expect(left.every((f) => f.message.includes(LEFT))).toBe(true);
  });

  it("reports a captured call on a line where another call is rewritten", () => {
    const script = "#!/bin/sh\nx=$(groupadd -g 1 g); groupadd -g 2 h\n";
    const result = rewriteEntrypoint(script, SRC);
    expect(result.output).toContain("x=$(groupadd -g 1 g); alpinize_ensure_group h 2 >/dev/null");
    const left = findingsLeftAfterRewrite(script, result).filter((f) => f.rule === "shadow-tool");
    expect(left.map((f) => `${f.line}:${f.column}`)).toEqual(["2:5"]);
    expect(left[0]?.message).toContain(LEFT);
  });

  it("rewrites the call once it is taken out of the capture, as the fix says", () => {
    const [f] = shadowFindings("#!/bin/sh\nif ! out=$(groupadd -g 4242 g 2>&1); then exit 1; fi\n");
    const moved = "#!/bin/sh\nif ! groupadd -g 4242 g; then exit 1; fi\n";
    const result = rewriteEntrypoint(moved, SRC);
    expect(f?.fix).toContain("which makes it alpinize_ensure_group g 4242;");
    expect(result.output).toContain(
      "if ! alpinize_ensure_group g 4242 >/dev/null; then exit 1; fi",
    );
    expect(findingsLeftAfterRewrite(moved, result)).toEqual([]);
  });
});
