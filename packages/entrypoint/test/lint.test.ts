import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHADOW_ONLY_TOOLS } from "@alpinize/busybox";
import { afterAll, describe, expect, it } from "vitest";
import { lintEntrypoint } from "../src/index.js";
import { BUSYBOX } from "./support/roots.js";

const rulesOf = (script: string) => lintEntrypoint(script).map((f) => f.rule);

// Each GNU-only form next to its busybox equivalent. Where the musl busybox is built, both are
// run with it: the GNU form must fail and the fix must work, so the table cannot drift.
const OPTION_CASES: Array<[string, string]> = [
  ["sed -z 's/a/b/' f.txt", "sed 's/a/b/' f.txt"],
  ["sed -u p f.txt", "sed p f.txt"],
  ["grep -P 'h.' f.txt", "grep -E 'h.' f.txt"],
  ["grep -r --include='*.txt' hi .", "grep -r hi ."],
  ["stat --format=%g f.txt", "stat -c %g f.txt"],
  ["stat --printf=%g f.txt", "stat -c %g f.txt"],
  ["date -d yesterday", "date -d @0"],
  ["date --date='+1 day'", "date -d @86400"],
  ["date --iso-8601=seconds", "date -Iseconds"],
  ["readlink -e f.txt", "readlink -f f.txt"],
  ["readlink --canonicalize f.txt", "readlink -f f.txt"],
  ["timeout --preserve-status 5 true", "timeout 5 true"],
  ["timeout -v 5 true", "timeout -s TERM 5 true"],
];

describe("lintEntrypoint: GNU-only options", () => {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-lint-"));
  writeFileSync(join(dir, "f.txt"), "hi\n");
  // Only busybox applets on PATH, so the host's GNU tools cannot answer instead.
  mkdirSync(join(dir, "bin"));
  for (const applet of ["sed", "grep", "stat", "date", "readlink", "timeout", "true"]) {
    if (existsSync(BUSYBOX)) symlinkSync(BUSYBOX, join(dir, "bin", applet));
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const runBusybox = (line: string) =>
    spawnSync(BUSYBOX, ["sh", "-c", line], {
      cwd: dir,
      stdio: "pipe",
      env: { PATH: join(dir, "bin") },
    }).status;

  for (const [bad, fixed] of OPTION_CASES) {
    it(`flags \`${bad}\` and not \`${fixed}\``, () => {
      const findings = lintEntrypoint(`#!/bin/sh\n${bad}\n`);
      expect(findings.map((f) => [f.rule, f.line])).toEqual([["gnu-option", 2]]);
      expect(findings[0]!.message).toMatch(/busybox/);
      expect(rulesOf(`#!/bin/sh\n${fixed}\n`)).toEqual([]);
      if (existsSync(BUSYBOX)) {
        expect(runBusybox(bad), `busybox accepts ${bad}`).not.toBe(0);
        expect(runBusybox(fixed), `busybox rejects ${fixed}`).toBe(0);
      }
    });
  }

  it("keeps option values and the sed -i suffix apart from options", () => {
    expect(rulesOf("sed -i.bak -e 's/z/u/' f\ngrep -e -P f\ndate -d @5 -u\n")).toEqual([]);
  });

  it("reports the column of the offending word", () => {
    const [f] = lintEntrypoint("x=$(stat --format=%g /run/docker.sock)\n");
    expect(f).toMatchObject({ rule: "gnu-option", line: 1, column: 10 });
  });
});

describe("lintEntrypoint: users, groups and privileges", () => {
  it("flags shadow tools, gosu, USER:GROUP and hidden failures, and not getent", () => {
    const script = [
      "#!/bin/sh",
      "groupadd -g 999 docker 2>/dev/null || true",
      "G=$(getent group 999 | cut -d: -f1)",
      "su-exec app:app true",
      'exec gosu app "$@"',
      "useradd -s /usr/sbin/nologin app",
    ].join("\n");
    const f = lintEntrypoint(script).map((x) => `${x.line}:${x.column}:${x.rule}`);
    expect(f).toEqual([
      "2:1:shadow-tool",
      "2:1:hidden-failure",
      "2:13:alpine-id",
      "4:1:su-exec-group",
      "5:6:gosu",
      "6:1:shadow-tool",
      "6:12:nologin-path",
    ]);
  });

  it("flags every tool of @alpinize/busybox's shadow table, and busybox's own account tools not", () => {
    const tools = Object.keys(SHADOW_ONLY_TOOLS);
    expect(tools).toEqual(expect.arrayContaining(["pwck", "grpck", "vipw", "vigr", "expiry"]));
    for (const tool of tools)
      expect([tool, rulesOf(`#!/bin/sh\n${tool} app\n`)]).toEqual([tool, ["shadow-tool"]]);
    for (const tool of ["adduser", "addgroup", "deluser", "delgroup", "passwd", "chpasswd"])
      expect([tool, rulesOf(`#!/bin/sh\n${tool} app\n`)]).toEqual([tool, []]);
  });

  it("flags passwd and chpasswd options only shadow's tools take, at the option", () => {
    const f = lintEntrypoint("#!/bin/sh\npasswd -x 90 root\nchpasswd -s 5000 < list\n");
    expect(f.map((x) => `${x.line}:${x.column}:${x.rule}:${x.severity}`)).toEqual([
      "2:8:shadow-tool:error",
      "3:10:shadow-tool:error",
    ]);
    expect(f[0]?.message).toMatch(/^passwd -x is not on Alpine .*busybox passwd has no -x/);
    expect(f[0]?.fix).toMatch(/apk add --no-cache shadow/);
    const [lock] = lintEntrypoint("#!/bin/sh\npasswd --lock root\n");
    expect(lock?.fix).toMatch(/^use passwd -l, or install shadow/);
    const own = "#!/bin/sh\npasswd -l root\npasswd -d app\necho app:x | chpasswd -e\n";
    expect(lintEntrypoint(own)).toEqual([]);
    expect(rulesOf('#!/bin/sh\npasswd "$OPTS" root\n')).toEqual([]);
  });

  it("says what the rewrite needs to take over a shadow call, instead of promising it", () => {
    const [g, u, m] = lintEntrypoint(
      "#!/bin/sh\ngroupadd -f app\nuseradd app\nusermod -aG x app\n",
    );
    expect(g?.fix).toMatch(
      /rewrites groupadd when the call gives what the shims need \(-g\/--gid GID\)/,
    );
    expect(u?.fix).toMatch(/\(-u\/--uid, -g\/--gid, -d\/--home-dir and -s\/--shell\)/);
    expect(m?.fix).toMatch(/or install shadow/);
  });

  it("only warns about USER:GROUP, which alpinize_exec_as runs with the same meaning", () => {
    const [f] = lintEntrypoint("#!/bin/sh\nsu-exec app:docker true\n");
    expect(f).toMatchObject({ rule: "su-exec-group", severity: "warning", line: 2 });
    expect(f?.fix).toContain("alpinize_exec_as takes both forms");
  });

  it("sees failures hidden with >/dev/null 2>&1 too", () => {
    expect(rulesOf("#!/bin/sh\naddgroup app docker >/dev/null 2>&1 || true\n")).toEqual([
      "hidden-failure",
    ]);
    expect(rulesOf("#!/bin/sh\naddgroup app docker 2>&1 || true\n")).toEqual([]);
    expect(rulesOf("#!/bin/sh\naddgroup app docker 2>&1 >/dev/null || true\n")).toEqual([]);
    expect(rulesOf("#!/bin/sh\naddgroup app docker 2>/dev/null || :\n")).toEqual([
      "hidden-failure",
    ]);
    expect(rulesOf("#!/bin/sh\naddgroup app docker 2>/dev/null || :x\n")).toEqual([]);
  });

  it("sees bash's &>/dev/null and &>>/dev/null in a bash script, and quotes what hides it", () => {
    const hidden = (script: string) =>
      lintEntrypoint(script)
        .filter((f) => f.rule === "hidden-failure")
        .map((f) => [f.message.replace(/;.*/, ""), f.fix.replace(/;.*/, "")]);
    expect(hidden("#!/bin/bash\ndelgroup app &>/dev/null || true\n")).toEqual([
      [
        "delgroup failures are hidden by &>/dev/null || true",
        "drop &>/dev/null to see why it fails",
      ],
    ]);
    expect(hidden("#!/usr/bin/env bash\ndeluser app &>> /dev/null || :\n")).toEqual([
      [
        "deluser failures are hidden by &>> /dev/null || :",
        "drop &>> /dev/null to see why it fails",
      ],
    ]);
    expect(hidden("#!/bin/bash\naddgroup app docker >/dev/null 2>&1 || :\n")).toEqual([
      [
        "addgroup failures are hidden by >/dev/null 2>&1 || :",
        "drop >/dev/null 2>&1 to see why it fails",
      ],
    ]);
    expect(hidden("#!/bin/sh\ngroupadd -g 5 g 2>/dev/null || true\n")).toEqual([
      [
        "groupadd failures are hidden by 2>/dev/null || true",
        "drop 2>/dev/null to see why it fails",
      ],
    ]);
  });

  it("under #!/bin/sh reads &> as dash does: the tool runs in the background, nothing is hidden", () => {
    const f = lintEntrypoint("#!/bin/sh\ndelgroup app &>/dev/null || true\n");
    expect(f.map((x) => x.rule)).toEqual(["bash-syntax"]);
    expect(f[0]?.message).toMatch(/&> is bash syntax/);
  });

  it("ignores words in comments and here-documents", () => {
    const script =
      "#!/bin/sh\n# groupadd -g 1 x\ncat <<'EOF'\ngetent group 1\n[[ x ]]\nEOF\necho ok\n";
    expect(lintEntrypoint(script)).toEqual([]);
  });
});

describe("lintEntrypoint: bash syntax under #!/bin/sh", () => {
  // "warning": Alpine's busybox ash (ASH_BASH_COMPAT) runs it; only Debian's dash rejects it.
  const cases: Array<[string, RegExp, "error" | "warning"]> = [
    ['if [[ -n "$x" ]]; then :; fi', /\[\[/, "warning"],
    ["function start { :; }", /function keyword/, "warning"],
    ["arr=(a b)", /arrays/, "error"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
    ['echo "${x//a/b}"', /pattern\/replacement/, "warning"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
    ['echo "${x:1:2}"', /offset/, "warning"],
    ['cat <<< "$x"', /here-strings/, "error"],
    ["cmd &>/dev/null", /&>/, "warning"],
    ["echo $'a\\tb'", /\$'/, "warning"],
    ["for i in {1..3}; do :; done", /ranges/, "error"],
    ["source /etc/profile", /bash builtin/, "warning"],
    ["declare -x A=1", /bash builtin/, "error"],
    ['[ "$a" == b ]', /== in \[ \]/, "warning"],
  ];
  for (const [line, message, severity] of cases) {
    it(`flags ${line}`, () => {
      const f = lintEntrypoint(`#!/bin/sh\n${line}\n`).filter((x) => x.rule === "bash-syntax");
      expect(f.length).toBeGreaterThan(0);
      expect(f[0]!.message).toMatch(message);
      expect(f[0]!.severity).toBe(severity);
    });
  }

  it("flags {a,b} brace lists in unquoted words as errors: ash and dash keep the word", () => {
    const f = lintEntrypoint("#!/bin/sh\nmkdir -p /app/{logs,data}\ncp f f{,.bak}\n");
    expect(f.map((x) => `${x.line}:${x.column}:${x.rule}:${x.severity}`)).toEqual([
      "2:15:bash-syntax:error",
      "3:7:bash-syntax:error",
    ]);
    expect(f[0]?.message).toMatch(/brace lists are bash syntax under #!\/bin\/sh/);
    const none = [
      "#!/bin/sh",
      "echo '{a,b}' \"{a,b}\" # {a,b}",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
      'X={a,b} env; echo "${x:-{a,b}}"; find . -exec rm {} +',
      "cat <<EOF\n/app/{logs,data}\nEOF",
    ].join("\n");
    expect(lintEntrypoint(none)).toEqual([]);
    expect(rulesOf("#!/bin/bash\nmkdir -p /app/{logs,data}\n")).toEqual([]);
  });

  it("does not flag POSIX lookalikes or bash scripts", () => {
    const posix = [
      "#!/bin/sh",
      "sed 's/[[:space:]]//' f",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
      'echo "${x:-1}" "${x#a}" "${#x}"',
      "cmd >/dev/null 2>&1 &",
      'grep "[[:digit:]]" f',
    ].join("\n");
    expect(lintEntrypoint(posix)).toEqual([]);
    expect(rulesOf('#!/bin/bash\nif [[ -n "$x" ]]; then :; fi\n')).toEqual([]);
  });

  it("leaves bash builtins and == alone under a bash shebang", () => {
    const bash = ["declare -g X", "source /etc/profile", 'let "i += 1"', '[ "$a" == b ]'];
    for (const shebang of ["#!/bin/bash", "#!/usr/bin/env bash"]) {
      expect(rulesOf(`${shebang}\n${bash.join("\n")}\n`)).toEqual([]);
    }
  });
});
