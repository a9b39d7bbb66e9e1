import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import { busyboxSkipReason, makeAlpineRoot, runBodies } from "./support/busybox-root.js";

const makeRoot = (): string => makeAlpineRoot("alpinize-users-", { shadow: true });

/** The shell bodies of the output's RUN lines that create users. */
function userRuns(text: string): string[] {
  return runBodies(text).filter((body) => /\badduser\b/.test(body));
}

const reason = busyboxSkipReason();
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
