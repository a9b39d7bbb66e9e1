import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { alpineRootSkipReason, MUSL_BUSYBOX as BUSYBOX, makeAlpineRoot } from "@alpinize/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { SHADOW_ONLY_TOOLS, shadowOnlyOption } from "../src/index.js";

// passwd and chpasswd change /etc/shadow: they run in a scratch root under chroot with Alpine's
// /etc/passwd and /etc/group and an /etc/shadow like Alpine's, never on the host's /etc.
const skip = alpineRootSkipReason();
if (skip) console.warn(`skipping passwd/chpasswd against real busybox: ${skip}`);

const makeRoot = () => makeAlpineRoot("alpinize-shadow-", { shadow: true });

describe.skipIf(skip !== undefined)("passwd and chpasswd against real musl busybox", () => {
  const root = skip ? "" : makeRoot();
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
  const refused = (tool: string, words: string[]) => {
    const r = spawnSync("chroot", [root, `/bin/busybox`, tool, ...words], {
      encoding: "utf8",
      input: "guest:secret\n",
      timeout: 5000,
    });
    return /unrecognized option/.test(r.stderr);
  };

  it("refuses exactly the options shadowOnlyOption names", () => {
    const calls: [string, string[]][] = [
      ["passwd", ["-l", "guest"]],
      ["passwd", ["-u", "guest"]],
      ["passwd", ["-d", "guest"]],
      ["passwd", ["-a", "sha512", "-l", "guest"]],
      ["passwd", ["guest", "-l"]],
      ...["-x 90", "-n 1", "-w 7", "-i 3", "-e", "-S", "-k", "-q", "-r files", "-R /", "-h"].map(
        (o): [string, string[]] => ["passwd", [...o.split(" "), "guest"]],
      ),
      ["passwd", ["guest", "-x", "90"]],
      ...["--lock", "--unlock", "--delete", "--status", "--expire", "--maxdays=90", "--all"].map(
        (o): [string, string[]] => ["passwd", [o, "guest"]],
      ),
      ["chpasswd", []],
      ["chpasswd", ["-e"]],
      ["chpasswd", ["--encrypted"]],
      ["chpasswd", ["-m"]],
      ["chpasswd", ["--md5"]],
      ["chpasswd", ["-c", "sha512"]],
      ["chpasswd", ["-csha512", "-R", "/"]],
      ["chpasswd", ["--crypt-method", "sha512", "--root=/"]],
      ["chpasswd", ["-s", "5000"]],
      ["chpasswd", ["--sha-rounds=5000"]],
      ["chpasswd", ["-h"]],
    ];
    const wrong = calls
      .filter(
        ([tool, words]) => refused(tool, words) !== (shadowOnlyOption(tool, words) !== undefined),
      )
      .map(([tool, words]) => `${tool} ${words.join(" ")}`);
    expect(wrong).toEqual([]);
  });

  it("has passwd and chpasswd, and no applet for any tool SHADOW_ONLY_TOOLS names", () => {
    const applets = new Set(execFileSync(BUSYBOX, ["--list"], { encoding: "utf8" }).split("\n"));
    expect(["passwd", "chpasswd"].filter((a) => applets.has(a))).toEqual(["passwd", "chpasswd"]);
    expect(Object.keys(SHADOW_ONLY_TOOLS).filter((t) => applets.has(t))).toEqual([]);
  });
});
