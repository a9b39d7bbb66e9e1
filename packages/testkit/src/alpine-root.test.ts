import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ALPINE_GROUP, ALPINE_PASSWD } from "./alpine-etc.js";
import { alpineRootSkipReason, makeAlpineRoot } from "./alpine-root.js";
import { execInRoot } from "./chroot-exec.js";

const skip = alpineRootSkipReason();
if (skip) console.warn(`skipping the Alpine-like root: ${skip}`);

describe.skipIf(skip !== undefined)("makeAlpineRoot", () => {
  const root = skip
    ? ""
    : makeAlpineRoot("alpinize-testkit-", { dirs: ["home", "proc"], shadow: true, devNull: true });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("holds busybox's applets and Alpine's accounts, and adduser works in it", () => {
    expect(readFileSync(join(root, "etc/passwd"), "utf8")).toBe(ALPINE_PASSWD);
    expect(readFileSync(join(root, "etc/group"), "utf8")).toBe(ALPINE_GROUP);
    expect(statSync(join(root, "etc/shadow")).mode & 0o777).toBe(0o640);
    expect(statSync(join(root, "dev/null")).isCharacterDevice()).toBe(true);
    expect(statSync(join(root, "tmp")).mode & 0o7777).toBe(0o1777);
    const r = spawnSync("chroot", [root, "/bin/sh", "-ec", "adduser -D -u 1000 app; id -u app"], {
      encoding: "utf8",
      timeout: 30_000,
      killSignal: "SIGKILL",
    });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 0,
      stdout: "1000\n",
      stderr: "",
    });
  });

  it("runs a command as a user in its own /proc, and gives a failure's exit code", async () => {
    expect(
      await execInRoot(root, ["/bin/sh", "-c", "id -u; echo $$"], { user: "65534:65534" }),
    ).toEqual({
      code: 0,
      stdout: "65534\n1\n",
      stderr: "",
    });
    expect(await execInRoot(root, ["/bin/sh", "-c", "echo no >&2; exit 3"])).toEqual({
      code: 3,
      stdout: "",
      stderr: "no\n",
    });
  });
});
