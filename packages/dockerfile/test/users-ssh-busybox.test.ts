import { execFileSync } from "node:child_process";
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
import { migrate } from "./helpers.js";

// The musl busybox scripts/ci/install-busybox.sh builds with Alpine's user options, and Alpine's
// own /etc/passwd and /etc/group: the converted user steps are run there, in a scratch root.
const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
const BUSYBOX = join(CACHE, "busybox-musl", "busybox");
const here = dirname(fileURLToPath(import.meta.url));
const ALPINE_FILES = resolve(here, "../../../../shared/corpus/alpine-rootfs");

function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root for chroot";
  if (!existsSync(BUSYBOX))
    return `no musl busybox at ${BUSYBOX}: run scripts/ci/install-busybox.sh`;
  if (!existsSync(join(ALPINE_FILES, "passwd"))) return `no Alpine /etc files at ${ALPINE_FILES}`;
  return undefined;
}

/** A root with busybox's applets and Alpine's /etc/passwd, /etc/group and a shadow like Alpine's. */
function makeRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), "alpinize-users-"));
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "home", "tmp"]) {
    mkdirSync(join(dir, d), { recursive: true });
  }
  execFileSync("cp", [BUSYBOX, join(dir, "bin/busybox")]);
  const applets = execFileSync(BUSYBOX, ["--list-full"], { encoding: "utf8" });
  for (const applet of applets.split("\n").filter((a) => a && a !== "bin/busybox")) {
    const up = "../".repeat(applet.split("/").length - 1);
    if (!existsSync(join(dir, applet))) symlinkSync(`${up}bin/busybox`, join(dir, applet));
  }
  const passwd = readFileSync(join(ALPINE_FILES, "passwd"), "utf8");
  writeFileSync(join(dir, "etc/passwd"), passwd);
  writeFileSync(join(dir, "etc/group"), readFileSync(join(ALPINE_FILES, "group"), "utf8"));
  const shadow = passwd
    .split("\n")
    .filter((l) => l.includes(":"))
    .map((l) => `${l.split(":")[0]}:${l.startsWith("root:") ? "*" : "!"}::0:::::\n`)
    .join("");
  writeFileSync(join(dir, "etc/shadow"), shadow, { mode: 0o640 });
  return dir;
}

/** The shell bodies of the output's RUN lines that create users. */
function userRuns(text: string): string[] {
  return parseDockerfile(text)
    .instructions.filter((i) => i.keyword === "RUN" && /\badduser\b/.test(i.args.text))
    .map((i) => i.args.text.slice(splitFlags(i.args.text).rest));
}

const reason = skipReason();
describe.skipIf(reason !== undefined)("users: converted steps under musl busybox", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it("leaves the devcontainer user of an sshd stage unlocked (*), in its group", () => {
    const r = migrate(
      [
        "FROM ubuntu:22.04",
        "ARG USERNAME=vscode",
        "ARG USER_UID=1000",
        "ARG USER_GID=$USER_UID",
        "RUN apt-get update && apt-get install -y openssh-server",
        "RUN groupadd --gid $USER_GID $USERNAME \\",
        "    && useradd --uid $USER_UID --gid $USER_GID -m $USERNAME -s /bin/sh",
        "",
      ].join("\n"),
    );
    root = makeRoot();
    const [body] = userRuns(r.output);
    expect(body).toContain("chpasswd -e");
    execFileSync("chroot", [root, "/bin/sh", "-ec", body!], {
      env: {
        PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
        USERNAME: "vscode",
        USER_UID: "1000",
        USER_GID: "1000",
      },
      stdio: "pipe",
    });
    const shadow = readFileSync(join(root, "etc/shadow"), "utf8");
    // Not "!" (locked, which Alpine's sshd refuses) and not "" (no password at all).
    expect(shadow).toMatch(/^vscode:\*:/m);
    expect(readFileSync(join(root, "etc/passwd"), "utf8")).toMatch(
      /^vscode:x:1000:1000:[^:]*:\/home\/vscode:\/bin\/sh$/m,
    );
  });

  it("sets the hash useradd -p gave, through chpasswd -e", () => {
    const hash = "$6$salt$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
    const r = migrate(
      ["FROM debian:bookworm", `RUN useradd -m -p '${hash}' -s /bin/sh app`, ""].join("\n"),
    );
    root = makeRoot();
    const [body] = userRuns(r.output);
    execFileSync("chroot", [root, "/bin/sh", "-ec", body!], {
      env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
      stdio: "pipe",
    });
    const shadow = readFileSync(join(root, "etc/shadow"), "utf8");
    expect(
      shadow
        .split("\n")
        .find((l) => l.startsWith("app:"))
        ?.split(":")[1],
    ).toBe(hash);
  });
});
