import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintEntrypoint } from "../src/index.js";
import { BUSYBOX } from "./support/roots.js";

// Each find or ps form busybox rejects, next to what the finding says to write instead. Where the
// musl busybox is built, both run with only its applets on PATH: the first must be refused with
// busybox's own complaint, the second must work, so the table cannot drift from the binary.
const REJECTED: Array<[string, string, "findutils" | "procps-ng"]> = [
  ["find . -printf '%p\\n'", "find . -exec stat -c %n {} +", "findutils"],
  ["find . -maxdepth 1 -ls", "find . -maxdepth 1 -exec ls -ld {} +", "findutils"],
  [
    "find . -newermt 2020-01-01",
    "touch -d '2020-01-01 00:00:00' ref && find . -newer ref",
    "findutils",
  ],
  ["find . -newerct 2020-01-01", "find . -newer f.txt", "findutils"],
  ["find . -execdir true {} \\;", "find . -exec true {} \\;", "findutils"],
  ["find . -uid 0", "find . -user 0", "findutils"],
  ["find . -mount -name f.txt", "find . -xdev -name f.txt", "findutils"],
  ["find . -type f,d", "find . \\( -type f -o -type d \\)", "findutils"],
  ["find . -size -1M", "find . -size -1024k", "findutils"],
  ["find . -regextype posix-extended -regex '.*txt'", "find . -regex '.*txt'", "findutils"],
  ["find . -readable", "find . -exec test -r {} \\;", "findutils"],
  ["find . -samefile f.txt", 'find . -inum "$(stat -c %i f.txt)"', "findutils"],
  ["find . -amin -5", "find . -mmin -5", "findutils"],
  ["find -O3 . -name f.txt", "find . -name f.txt", "findutils"],
  ["ps -eo pid,comm --no-headers", "ps -o pid= -o comm=", "procps-ng"],
  ["ps -C busybox", "pidof busybox", "procps-ng"],
  ["ps -p 1", "kill -0 $$", "procps-ng"],
  ["ps -u root", "ps -o user,pid,args", "procps-ng"],
  ["ps -ef --sort=pid", "ps -ef", "procps-ng"],
  ["ps -o pid,%cpu", "ps -o pid,rss", "procps-ng"],
  ["ps -eo pid,cmd", "ps -eo pid,args", "procps-ng"],
  ["ps -eww", "ps -e", "procps-ng"],
  ["ps -x", "ps", "procps-ng"],
  ["ps -eF", "ps -ef", "procps-ng"],
];

// Forms busybox runs (exit 0): `ps aux` too, though it ignores the BSD word and prints its own
// columns (PID USER TIME COMMAND).
const ACCEPTED = [
  "ps aux",
  "ps -ef",
  "ps -A -T",
  "ps -o pid=X,comm",
  "ps -opid,ppid,etime,stat,vsz,rss,user,group,tty,time,nice,sid,pgid",
  "find . -print0",
  "find . -name f.txt -print -quit",
  "find . -exec echo -printf {} \\;",
  "find . -name -ls",
  "find -L . -perm -u+r -size -1k -mmin -60 -empty -o -links 1",
];

const APPLETS = ["find", "ps", "stat", "ls", "touch", "test", "true", "pidof", "kill"];

describe("lintEntrypoint: find and ps options busybox rejects", () => {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-lint-find-ps-"));
  writeFileSync(join(dir, "f.txt"), "hi\n");
  mkdirSync(join(dir, "bin"));
  for (const applet of APPLETS) {
    if (existsSync(BUSYBOX)) symlinkSync(BUSYBOX, join(dir, "bin", applet));
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const runBusybox = (line: string) =>
    spawnSync(BUSYBOX, ["sh", "-c", line], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: join(dir, "bin") },
    });

  for (const [bad, fixed, pkg] of REJECTED) {
    it(`flags \`${bad}\` (${pkg}) and not \`${fixed}\``, () => {
      const findings = lintEntrypoint(`#!/bin/sh\n${bad}\n`);
      expect(findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
        ["gnu-option", "error", 2],
      ]);
      expect(findings[0]!.message).toMatch(new RegExp(`^busybox ${bad.split(" ")[0]} has no `));
      expect(findings[0]!.fix).toMatch(new RegExp(`, or apk add ${pkg}$`));
      expect(lintEntrypoint(`#!/bin/sh\n${fixed}\n`)).toEqual([]);
      if (existsSync(BUSYBOX)) {
        const r = runBusybox(`${bad} >/dev/null`);
        expect(r.status, `busybox accepts ${bad}`).toBe(1);
        expect(r.stderr).toMatch(/unrecognized|invalid|bad -o argument/);
        const ok = runBusybox(`${fixed} >/dev/null`);
        expect(ok.status, `busybox rejects ${fixed}: ${ok.stderr}`).toBe(0);
      }
    });
  }

  for (const line of ACCEPTED) {
    it(`leaves \`${line}\` alone, which busybox runs`, () => {
      expect(lintEntrypoint(`#!/bin/sh\n${line}\n`)).toEqual([]);
      if (existsSync(BUSYBOX)) expect(runBusybox(`${line} >/dev/null`).status).toBe(0);
    });
  }

  it("reports the word at fault, also behind exec, a path or a wrapper", () => {
    const found = lintEntrypoint(
      "exec /usr/bin/find /data -printf %u\nx=$(timeout 5 ps -o pid,%mem)\n",
    ).map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(found).toEqual([
      "1:26 busybox find has no -printf",
      "2:21 busybox ps has no column %mem",
    ]);
  });

  it("names the busybox column that prints the same", () => {
    const [f] = lintEntrypoint("ps -o pid=PID,ucmd=NAME\n");
    expect(f).toMatchObject({ message: "busybox ps has no column ucmd" });
    expect(f!.fix).toBe("write comm, which prints the same, or apk add procps-ng");
  });
});
