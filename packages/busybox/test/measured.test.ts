import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MUSL_BUSYBOX } from "@alpinize/testkit";
import { afterAll, describe, expect, it } from "vitest";
import {
  APPLETS,
  busyboxRejections,
  FIND_MISSING,
  FIND_VALUES,
  NO_APPLET,
  OPTIONLESS,
  PS_COLUMNS,
  PS_FLAGS,
} from "../src/index.js";

// The tables come from runs of musl busybox built with Alpine's configuration; where that binary
// is here (scripts/ci/install-busybox.sh builds it), every entry is run against it again.
const BUSYBOX = MUSL_BUSYBOX;
// su refuses to run unless setuid before it reads its options; user tools are never run on the
// host's /etc. Their options are measured in a chroot by @alpinize/entrypoint's tests.
const NOT_RUN = new Set(["su", "adduser", "addgroup"]);
// As root, run as nobody: a wrongly listed option then cannot change the clock or any file.
const AS_NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
// wget's operand is a URL: loopback's discard port, so a wrongly listed option reaches no host.
const LOOPBACK = "http://127.0.0.1:9/";
const OPERANDS: Readonly<Record<string, string[]>> = { wget: ["-O", "-", LOOPBACK] };

describe.skipIf(!existsSync(BUSYBOX))("the tables against real musl busybox", () => {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-busybox-"));
  chmodSync(dir, 0o755);
  for (const name of ["x", "y", "f.txt"]) writeFileSync(join(dir, name), "x\n");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) => {
    const r = spawnSync(BUSYBOX, args, {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: "/nonexistent" },
      timeout: 5000,
      ...AS_NOBODY,
    });
    return { status: r.status, stderr: r.stderr };
  };
  const refused = (args: string[]) =>
    /unrecognized option|invalid option|unknown option|unrecognized:/i.test(run(args).stderr);

  it("refuses every option the applet tables list", () => {
    const accepted: string[] = [];
    for (const [applet, spec] of Object.entries(APPLETS)) {
      if (NOT_RUN.has(applet)) continue;
      for (const option of Object.keys(spec.rejects))
        if (!refused([applet, option, ...(OPERANDS[applet] ?? ["x", "y"])]))
          accepted.push(`${applet} ${option}`);
    }
    expect(accepted).toEqual([]);
  }, 60_000);

  it("takes the options the tables let through", () => {
    for (const args of [
      ["tar", "--strip-components=1", "-tf", "x"],
      ["grep", "-E", "x", "x"],
      ["sed", "-E", "p", "x"],
      ["readlink", "-f", "x"],
      ["date", "--reference=x"],
      ["date", "-Iseconds"],
      ["date", "-R"],
      ["timeout", "-s", "TERM", "5", "/nonexistent"],
      ["wget", "-nv", "-nc", "-q", "-t", "1", "-T", "1", "-O", "-", LOOPBACK],
      ["wget", "--spider", "--no-check-certificate", "--header=A: b", "-q", LOOPBACK],
      ["tail", "-s", "1", "-q", "-v", "x"],
      ["grep", "-R", "--color=auto", "x", "x"],
      ["touch", "--date=2024-01-02", "-c", "--reference=x", "-h", "-m", "-a", "nonexistent"],
    ]) {
      expect(refused(args), args.join(" ")).toBe(false);
    }
  });

  it("has no applet for any command NO_APPLET lists", () => {
    const r = spawnSync(BUSYBOX, ["--list"], { encoding: "utf8" });
    const applets = new Set(r.stdout.split("\n"));
    expect(applets.has("tac")).toBe(true);
    expect(Object.keys(NO_APPLET).filter((tool) => applets.has(tool))).toEqual([]);
  });

  it("refuses every find primary listed as missing, and runs the ones with values", () => {
    const accepted = Object.keys(FIND_MISSING).filter((p) => !refused(["find", ".", p, "x"]));
    expect(accepted).toEqual([]);
    const samples: Record<string, string> = { "-type": "f", "-size": "1c", "-perm": "-u+r" };
    const failed: string[] = [];
    for (const primary of FIND_VALUES) {
      if (Object.hasOwn(FIND_MISSING, primary)) continue;
      const value = samples[primary] ?? (/time|min|links|depth|inum/.test(primary) ? "1" : "x");
      const args = ["find", ".", primary, primary === "-newer" ? "f.txt" : value];
      if (primary === "-user" || primary === "-group") args[3] = "0";
      if (run(args).status !== 0) failed.push(args.slice(2).join(" "));
    }
    expect(failed).toEqual([]);
  });

  it("fails on the find values and ps columns it flags", () => {
    for (const words of [
      [".", "-type", "f,d"],
      [".", "-size", "1M"],
      [".", "-newerct", "x"],
      ["-O3", "."],
    ]) {
      expect(busyboxRejections("find", words)).toHaveLength(1);
      expect(run(["find", ...words]).status, words.join(" ")).toBe(1);
    }
    for (const column of ["%cpu", "cmd", "pcpu"]) {
      expect(busyboxRejections("ps", ["-o", column])).toHaveLength(1);
      expect(run(["ps", "-o", column]).stderr).toContain("bad -o argument");
    }
  });

  it("runs ps with every flag and column it lets through, and refuses other letters", () => {
    for (const letter of PS_FLAGS) expect(run(["ps", `-${letter}`]).status, letter).toBe(0);
    expect(run(["ps", "-o", [...PS_COLUMNS].join(",")]).status).toBe(0);
    for (const letter of "CpuUwxHLOFjc") {
      expect(busyboxRejections("ps", [`-${letter}`])).toHaveLength(1);
      expect(refused(["ps", `-${letter}`]), letter).toBe(true);
    }
  });

  it("fails on the date -d forms it flags and reads the others", () => {
    const flagged = [
      "+1 day",
      "yesterday",
      "now",
      "2024-01-02T10:00:00",
      "Jan 2 2024",
      "2024/01/02",
    ];
    const read = [
      "@5",
      "2024-01-02",
      "2024-01-02 10:00",
      "10:00:05",
      "202401021000",
      "2024.01.02-10:00",
    ];
    for (const when of [...flagged, ...read]) {
      const bad = busyboxRejections("date", ["-d", when, "+%s"]).length > 0;
      expect(bad, when).toBe(flagged.includes(when));
      expect(run(["date", "-d", when, "+%s"]).status === 0, when).toBe(!bad);
    }
  });

  it("fails on the touch -d forms it flags and reads the others", () => {
    const cases = ["1 hour ago", "yesterday", "2024-01-02T10:00:00", "@5", "2024-01-02 10:00"];
    const flagged = cases.filter((when) => busyboxRejections("touch", ["-d", when, "f"]).length);
    expect(flagged).toEqual(["1 hour ago", "yesterday", "2024-01-02T10:00:00"]);
    for (const when of cases) {
      // -c: nobody may not create files here; an unreadable date fails before that.
      const r = run(["touch", "-c", "-d", when, "nonexistent"]);
      expect(r.stderr.includes("invalid date"), when).toBe(flagged.includes(when));
    }
  });

  it("fails on mktemp templates with fewer than six X's", () => {
    // Templates ending in three to six X's (built, so the placeholder is not read as a to-do mark).
    for (const template of [3, 4, 5, 6].map((n) => `foo.${"X".repeat(n)}`)) {
      const bad = busyboxRejections("mktemp", ["-u", "-t", template]).length > 0;
      expect(run(["mktemp", "-u", "-t", template]).status === 0, template).toBe(!bad);
    }
  });

  it("judges the mktemp template only, not the DIR of -p, as busybox does", () => {
    for (const args of [
      ["-p", "/tmp/dirXXX", "fooXXXXXX"],
      ["-p", "/tmp/dirXXX", "fooXXX"],
      ["-p/tmp/dirXXX", "fooXXXXXX"],
      ["-tp", "/tmp/dirXXX", "fooXXXXXX"],
      ["-t", "-p", "/tmp", "fooXXXX"],
      ["--", "fooXXX"],
      ["-d", "--tmpdir=/tmp/dirXXX", "fooXXXXXX"],
    ]) {
      const bad = busyboxRejections("mktemp", ["-u", ...args]).length > 0;
      expect(run(["mktemp", "-u", ...args]).status === 0, args.join(" ")).toBe(!bad);
    }
  });

  it("fails on sed's GNU step addresses and runs the addresses it lets through", () => {
    for (const script of ["1~2d", "0~3p", "2,~4d", "/x/,~2d", "1d;2~2p", "1,+1d", "$d", "/~/d"]) {
      const bad = busyboxRejections("sed", [script, "f.txt"]).length > 0;
      const r = run(["sed", script, "f.txt"]);
      expect(r.status === 0, script).toBe(!bad);
      if (bad) expect(r.stderr, script).toMatch(/unsupported command ~|no address after comma/);
    }
  });

  it("fails on the head and tail counts it flags and reads the others", () => {
    const counts = ["1K", "1M", "1G", "1KB", "1kB", "1KiB", "-1K", "1k", "1m", "1b", "-1k", "7"];
    for (const tool of ["head", "tail"])
      for (const option of ["-c", "-n"])
        for (const count of counts) {
          const bad = busyboxRejections(tool, [option, count, "f.txt"]).length > 0;
          const r = run([tool, option, count, "f.txt"]);
          expect(r.status === 0, `${tool} ${option} ${count}`).toBe(!bad);
          if (bad) expect(r.stderr).toContain(`invalid number '${count.replace(/^-/, "")}'`);
        }
  });

  it("reads every option of an optionless applet as a file name", () => {
    for (const applet of OPTIONLESS) {
      for (const option of ["--relative-to=/", "-m", "-e", "-s"]) {
        expect(busyboxRejections(applet, [option, "."])).toHaveLength(1);
        expect(run([applet, option, "."]).stderr).toContain(`${option}: No such file or directory`);
      }
    }
  });
});
