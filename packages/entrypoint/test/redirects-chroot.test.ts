import { beforeAll, describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";
import { makeRoot, type RootKind, skipReason, type TestRoot } from "./support/roots.js";

// Each line runs shadow's tools on Debian; the rewrite must print the same on stdout and stderr
// with the shims, on Debian and on the musl busybox root: the user's redirections decide what
// shows, not the rewrite.
const POSIX = [
  "#!/bin/sh",
  "groupadd -g 2001 docker 2>/dev/null || true",
  "groupadd -g 2002 quiet >/dev/null 2>&1",
  "groupadd -g 2003 piped 2>&1 | cat",
  "groupadd -g 2004 logged >>/tmp/log",
  'echo "log holds $(wc -c </tmp/log) bytes"',
  "groupadd -g 2005 fromfile </etc/passwd",
  "2>/dev/null groupadd -g 2006 leading",
  "groupadd -g 2007 'bad:name' 2>/dev/null || echo bad-name-failed",
  "groupadd -g 2008 'bad:name' 2>&1 >/dev/null | sed 's/.*/one error line/'",
  "usermod -aG docker app 2>/dev/null",
  "if true; then groupadd -g 2009 captured >/dev/null 2>&1 || true; fi",
  "usermod -aG captured app 2>>/tmp/log",
  'for g in docker captured; do grep -q "^$g:.*app" /etc/group && echo "app in $g"; done',
  "echo done",
  "",
].join("\n");

const BASH = [
  "#!/bin/bash",
  "groupadd -g 2010 amp &>/dev/null",
  "groupadd -g 2011 'bad:x' &>/dev/null || echo amp-failed",
  "echo done",
  "",
].join("\n");

// `&>>` and `<<<` are bash's alone: the busybox 1.35 test build's ash refuses both.
const BASH_ONLY = [
  "#!/bin/bash",
  'groupadd -g 2012 here <<<"x" 2>/dev/null',
  "groupadd -g 2013 appended &>>/tmp/log2",
  "groupadd -g 2014 'bad:y' &>>/tmp/log2 || echo appended-failed",
  'echo "log2 holds $(grep -c . </tmp/log2) line"',
  "",
].join("\n");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The script run as /entry.sh in a fresh root with an `app` user; the shims come from the root. */
async function runIn(kind: RootKind, script: string, shell: string): Promise<Run> {
  const root: TestRoot = await makeRoot(kind);
  try {
    const made = await root.sh(
      "alpinize_ensure_group app 1000 >/dev/null\nalpinize_ensure_user app 1000 app /app /sbin/nologin",
    );
    expect(made.code).toBe(0);
    await root.write("entry.sh", script);
    const r = await root.exec([shell, "/entry.sh"]);
    return { code: r.code, stdout: r.stdout, stderr: r.stderr };
  } finally {
    await root.remove();
  }
}

const reason = skipReason("debian") ?? skipReason("busybox");
describe.skipIf(reason !== undefined)("redirections on real tools and on the rewrite", () => {
  const both = (sh: string): Array<[RootKind, string]> => [
    ["debian", sh],
    ["busybox", "/bin/sh"],
  ];
  const cases = [
    { name: "sh", script: POSIX, runs: both("/bin/sh") },
    // busybox ash runs bash's &> and <<< (ASH_BASH_COMPAT), as Alpine's does.
    { name: "bash", script: BASH, runs: both("/bin/bash") },
    {
      name: "bash-only",
      script: BASH_ONLY,
      runs: [["debian", "/bin/bash"]] as Array<[RootKind, string]>,
    },
  ];
  for (const c of cases) {
    describe(`a ${c.name} script`, () => {
      let original: Run;
      const rewritten = rewriteEntrypoint(c.script).output;
      beforeAll(async () => {
        original = await runIn("debian", c.script, c.runs[0]![1]);
      }, 60_000);

      it("prints what shadow's tools print under the user's redirections (Debian)", () => {
        expect(original.stderr).toBe("");
        expect(original.code).toBe(0);
        expect(original.stdout).not.toBe("");
      });

      it.each(c.runs)(
        "prints the same after the rewrite on %s",
        async (kind, shell) => {
          const after = await runIn(kind, rewritten, shell);
          expect(after).toEqual(original);
        },
        60_000,
      );
    });
  }
});
