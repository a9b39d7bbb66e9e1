import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseDockerfile, splitFlags } from "../src/parse/dockerfile.js";
import { ALPINE_GROUPS } from "../src/rules/alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "../src/rules/users-debian-groups.js";
import { migrate } from "./helpers.js";

// The converted joins run under the musl busybox of scripts/ci/install-busybox.sh, in a scratch
// root with Alpine's own /etc/passwd and /etc/group: never against this machine's /etc.
const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
const BUSYBOX = join(CACHE, "busybox-musl", "busybox");
const here = dirname(fileURLToPath(import.meta.url));
const ALPINE_FILES = resolve(here, "../../../../shared/corpus/alpine-rootfs");

function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root for chroot";
  if (!existsSync(BUSYBOX))
    return `no musl busybox at ${BUSYBOX}: run scripts/ci/install-busybox.sh`;
  if (!existsSync(join(ALPINE_FILES, "group"))) return `no Alpine /etc files at ${ALPINE_FILES}`;
  return undefined;
}

function makeRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-groups-"));
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "home", "tmp", "srv"]) {
    mkdirSync(join(dir, d), { recursive: true });
  }
  execFileSync("cp", [BUSYBOX, join(dir, "bin/busybox")]);
  const applets = execFileSync(BUSYBOX, ["--list-full"], { encoding: "utf8" });
  for (const applet of applets.split("\n").filter((a) => a && a !== "bin/busybox")) {
    const up = "../".repeat(applet.split("/").length - 1);
    if (!existsSync(join(dir, applet))) symlinkSync(`${up}bin/busybox`, join(dir, applet));
  }
  for (const f of ["passwd", "group"]) {
    writeFileSync(join(dir, "etc", f), readFileSync(join(ALPINE_FILES, f), "utf8"));
  }
  return dir;
}

/** The shell bodies of the output's RUN lines. */
function runs(text: string): string[] {
  return parseDockerfile(text)
    .instructions.filter((i) => i.keyword === "RUN")
    .map((i) => i.args.text.slice(splitFlags(i.args.text).rest));
}

const reason = skipReason();
describe.skipIf(reason !== undefined)("users: Debian's base groups joined under busybox", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /** Runs every RUN of the migrated file in a fresh root; each must exit 0. */
  function runAll(dockerfile: string): string {
    root = makeRoot();
    for (const body of runs(migrate(dockerfile).output)) {
      const r = spawnSync("chroot", [root, "/bin/sh", "-ec", body], { encoding: "utf8" });
      expect({ body, status: r.status, stderr: r.stderr }).toEqual({
        body,
        status: 0,
        stderr: "",
      });
    }
    return readFileSync(join(root, "etc/group"), "utf8");
  }

  it("runs useradd -G sudo,adm on a fresh Alpine root", () => {
    const group = runAll("FROM debian:bookworm\nRUN useradd -G sudo,adm x\n");
    expect(group).toMatch(/^sudo:x:\d+:x$/m);
    expect(group).toMatch(/^adm:x:4:root,daemon,x$/m);
  });

  it("runs every join of a group Debian's base has and Alpine's lacks, by each tool", () => {
    const missing = [...DEBIAN_BASE_GROUPS.keys()].filter((g) => !ALPINE_GROUPS.has(g));
    const tools = [
      (g: string) => `usermod -aG ${g} app`,
      (g: string) => `gpasswd -a app ${g}`,
      (g: string) => `adduser app ${g}`,
    ];
    const joins = missing.map((g, k) => `RUN ${tools[k % tools.length]!(g)}`);
    const group = runAll(
      [
        "FROM debian:bookworm",
        "RUN useradd -m app",
        ...joins,
        "RUN usermod -aG sudo,staff app",
        "",
      ].join("\n"),
    );
    for (const g of missing) expect(group).toMatch(new RegExp(`^${g}:x:\\d+:app$`, "m"));
  });

  it("runs useradd -g and Debian's adduser --ingroup with a group Alpine lacks", () => {
    const group = runAll(
      "FROM debian:bookworm\nRUN useradd -g staff x\nRUN adduser --disabled-password --gecos '' --ingroup plugdev y\n",
    );
    expect(group).toMatch(/^staff:x:\d+:x?$/m);
    expect(group).toMatch(/^plugdev:x:\d+:y?$/m);
  });

  it("gives the group Debian's GID when the file relies on it", () => {
    const group = runAll(
      "FROM debian:bookworm\nRUN useradd -m app && usermod -aG staff app && chown app:50 /srv\n",
    );
    expect(group).toMatch(/^staff:x:50:app$/m);
  });
});
