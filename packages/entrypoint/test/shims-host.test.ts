import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readShims, SHIM_FUNCTIONS, shimsPath } from "../src/shims.js";
import { BUSYBOX } from "./support/roots.js";

// The parts that read but never write, run by the host's shells: dash (Debian's /bin/sh), bash,
// and the musl busybox's ash when the CI script has built it. Nothing here changes /etc.
const run = promisify(execFile);

function which(cmd: string): string | undefined {
  try {
    return (
      execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

const shells: { name: string; argv: string[] | undefined }[] = [
  { name: "dash", argv: which("dash") ? ["dash"] : undefined },
  {
    name: "bash --posix",
    argv: which("bash") ? ["bash", "--norc", "--noprofile", "--posix"] : undefined,
  },
  { name: "busybox ash", argv: existsSync(BUSYBOX) ? [BUSYBOX, "ash"] : undefined },
];

async function sh(argv: string[], script: string, env: Record<string, string> = {}) {
  const [cmd, ...pre] = argv;
  try {
    const r = await run(cmd!, [...pre, "-c", `set -eu\n. '${shimsPath}'\n${script}`], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the shims file", () => {
  it("is shipped with the package and defines every documented function", () => {
    const text = readShims();
    for (const fn of SHIM_FUNCTIONS) expect(text).toMatch(new RegExp(`^${fn}\\(\\) \\{`, "m"));
    expect(text).not.toMatch(/^\s*local\s/m);
    expect(text).not.toContain("[[");
  });

  it.skipIf(!which("shellcheck"))("passes shellcheck as POSIX sh", async () => {
    const r = await run("shellcheck", ["-s", "sh", shimsPath]).then(
      () => "",
      (e: { stdout: string }) => e.stdout,
    );
    expect(r).toBe("");
  });
});

for (const shell of shells) {
  describe.skipIf(!shell.argv)(`pure parts under ${shell.name}`, () => {
    const argv = shell.argv!;

    it("sources under set -eu and defines every function", async () => {
      const r = await sh(argv, SHIM_FUNCTIONS.map((f) => `command -v ${f} >/dev/null`).join("\n"));
      expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    });

    it("finds the same group with getent and with its own parser", async () => {
      const script = "alpinize_group_name_for_gid 0; alpinize_user_name_for_uid 0";
      const viaGetent = await sh(argv, script);
      const viaFiles = await sh(argv, script, { ALPINIZE_NO_GETENT: "1" });
      expect(viaGetent.stdout).toBe("root\nroot\n");
      expect(viaFiles.stdout).toBe(viaGetent.stdout);
      const none = await sh(
        argv,
        "rc=0; alpinize_group_name_for_gid 4294967294 || rc=$?; echo $rc",
        {
          ALPINIZE_NO_GETENT: "1",
        },
      );
      expect(none.stdout).toBe("1\n");
    });

    it("returns 2 on bad arguments without stopping a set -e script", async () => {
      const script = [
        "alpinize_ensure_group 'a b' 5 || echo rc=$?",
        "alpinize_ensure_group docker 12x || echo rc=$?",
        "alpinize_ensure_group docker 4294967295 || echo rc=$?",
        "alpinize_ensure_group docker 5 --bogus || echo rc=$?",
        "alpinize_ensure_user a 1 users relative /bin/sh || echo rc=$?",
        "alpinize_ensure_user a 1 users /x || echo rc=$?",
        "alpinize_exec_as charon || echo rc=$?",
        "echo reached",
      ].join("\n");
      const r = await sh(argv, script);
      expect(r.stdout).toBe("rc=2\nrc=2\nrc=2\nrc=2\nrc=2\nrc=2\nrc=2\nreached\n");
      expect(r.stderr).toContain("alpinize: invalid group name 'a b'");
      expect(r.stderr).toContain("alpinize: invalid GID '4294967295'");
      expect(r.stderr).toContain("unknown option '--bogus'");
      expect(r.stderr).toContain("invalid home 'relative'");
    });

    it("reports a path that is not a socket", async () => {
      const r = await sh(argv, "alpinize_socket_gid /etc/passwd || echo rc=$?");
      expect(r.stdout).toBe("rc=1\n");
      expect(r.stderr).toContain("'/etc/passwd' is not a socket");
    });

    it("accepts the largest ID and names at the length limit", async () => {
      const r = await sh(
        argv,
        `_alpinize_id_ok 4294967294 && _alpinize_name_ok ${"a".repeat(32)} && _alpinize_name_ok 'host$' && _alpinize_name_ok _a.b-c && echo ok`,
      );
      expect(r.stdout).toBe("ok\n");
    });
  });
}
