import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import {
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  unlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { runRepositoryMigration } from "./dir.js";
import { captureIo, gitRepo } from "./repo-test-support.js";

const run = promisify(execFile);

// A Debian image whose entrypoint drops privileges with util-linux runuser, which Debian always
// has and Alpine never does unless installed. The rewrite makes it alpinize_exec_as, which needs
// su-exec, gosu or util-linux setpriv in the image.
const DOCKERFILE = [
  "FROM debian:12-slim",
  "RUN apt-get update && apt-get install -y curl",
  "RUN useradd -u 1000 -m app",
  "COPY entrypoint.sh /entrypoint.sh",
  'ENTRYPOINT ["/entrypoint.sh"]',
  'CMD ["id"]',
  "",
].join("\n");
const ENTRYPOINT = '#!/bin/sh\nset -e\nexec runuser -u app -- "$@"\n';

const CACHE = process.env.ALPINIZE_TEST_CACHE ?? "/var/cache/alpinize-test";
const BUSYBOX = join(CACHE, "busybox-musl", "busybox");
const here = dirname(fileURLToPath(import.meta.url));
const ALPINE_FILES = resolve(here, "../../../../../../shared/corpus/alpine-rootfs");
/**
 * Alpine's su-exec package cannot be fetched here. gosu (a static binary, from the host's Debian
 * package) takes the same `USER[:GROUP] CMD` form, so it stands in for the program that package
 * installs: the run shows the shim finds what the migrated Dockerfile installs.
 */
const GOSU = "/usr/sbin/gosu";

function chrootSkip(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root for chroot";
  if (!existsSync(BUSYBOX)) return `no musl busybox at ${BUSYBOX}`;
  if (!existsSync(join(ALPINE_FILES, "passwd"))) return `no Alpine /etc files at ${ALPINE_FILES}`;
  if (!existsSync(GOSU)) return `no static gosu at ${GOSU}`;
  return undefined;
}

let root = "";
let image = "";
afterEach(async () => {
  for (const dir of [root, image]) if (dir) await rm(dir, { recursive: true, force: true });
  root = "";
  image = "";
});

async function migrate(files: Record<string, string>) {
  root = await gitRepo(files);
  const { io, stderr } = captureIo(root);
  const code = await runRepositoryMigration(".", { write: true, alpine: "3.23" }, io);
  return {
    code,
    stderr: stderr.text,
    dockerfile: await readFile(join(root, "Dockerfile"), "utf8"),
  };
}

describe("migrate DIR: an entrypoint that drops privileges gets a tool for it", () => {
  it("adds su-exec for a runuser entrypoint, and alpinize check passes afterwards", async () => {
    const { code, stderr, dockerfile } = await migrate({
      Dockerfile: DOCKERFILE,
      "entrypoint.sh": ENTRYPOINT,
    });
    expect(code).toBe(0);
    expect(dockerfile).toContain("\nRUN apk add --no-cache curl su-exec\n");
    expect(stderr).toMatch(
      /warning Dockerfile:4: \[exec-as\] su-exec added to the apk add of stage 0: entrypoint\.sh drops privileges with alpinize_exec_as \(its runuser calls\)/,
    );
    const check = await runCli(["check", "."], { cwd: root });
    expect(check.stdout).toBe("");
    expect(check.code).toBe(0);
  });

  it("leaves a Dockerfile whose gosu already became su-exec", async () => {
    const { stderr, dockerfile } = await migrate({
      Dockerfile: DOCKERFILE.replace("install -y curl", "install -y curl gosu"),
      "entrypoint.sh": '#!/bin/sh\nset -e\nexec gosu app "$@"\n',
    });
    expect(dockerfile.match(/su-exec/g)).toEqual(["su-exec"]);
    expect(stderr).not.toContain("[exec-as]");
    expect((await runCli(["check", "."], { cwd: root })).code).toBe(0);
  });

  it.skipIf(chrootSkip())(
    "runs the rewritten entrypoint as the user on busybox with what the Dockerfile installs",
    async () => {
      const { dockerfile } = await migrate({ Dockerfile: DOCKERFILE, "entrypoint.sh": ENTRYPOINT });
      image = await buildImage(dockerfile, await readFile(join(root, "entrypoint.sh"), "utf8"));
      const started = await execIn(image, ["/entrypoint.sh", "id"]);
      expect(started).toMatchObject({ code: 0, stderr: "" });
      expect(started.stdout).toMatch(/^uid=1000\(app\) gid=1000\(app\)/);
      // The same image without the su-exec the migration added: the shim has nothing to run.
      await unlink(join(image, "sbin/su-exec"));
      const stopped = await execIn(image, ["/entrypoint.sh", "id"]);
      expect(stopped.code).toBe(5);
      expect(stopped.stderr).toContain("no su-exec, gosu or util-linux setpriv found");
    },
  );
});

/**
 * A busybox root built the way the migrated Dockerfile says: its RUN lines run in the root, and
 * of the packages `apk add` names, su-exec is installed (see GOSU); the entrypoint is copied in.
 */
async function buildImage(dockerfile: string, entrypoint: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "alpinize-exec-as-"));
  await chmod(dir, 0o755);
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "dev", "proc", "tmp", "home"])
    await mkdir(join(dir, d), { recursive: true });
  await copyFile(BUSYBOX, join(dir, "bin/busybox"));
  await chmod(join(dir, "bin/busybox"), 0o755);
  const { stdout } = await run(BUSYBOX, ["--list-full"]);
  for (const applet of stdout.split("\n").filter((a) => a && a !== "bin/busybox")) {
    const up = "../".repeat(applet.split("/").length - 1);
    await symlink(`${up}bin/busybox`, join(dir, applet)).catch(() => {});
  }
  await run("mknod", ["-m", "666", join(dir, "dev/null"), "c", "1", "3"]);
  for (const file of ["passwd", "group"])
    await copyFile(join(ALPINE_FILES, file), join(dir, "etc", file));
  for (const line of dockerfile.split("\n").filter((l) => l.startsWith("RUN "))) {
    const command = line.slice(4);
    const apk = /^apk add --no-cache (.*)$/.exec(command);
    if (!apk) {
      expect(await execIn(dir, ["/bin/sh", "-c", command])).toMatchObject({ code: 0 });
      continue;
    }
    if (apk[1]!.split(/\s+/).includes("su-exec")) await copyFile(GOSU, join(dir, "sbin/su-exec"));
  }
  await writeFile(join(dir, "entrypoint.sh"), entrypoint, { mode: 0o755 });
  return dir;
}

async function execIn(dir: string, argv: string[]) {
  // gosu reads /proc/self: a private mount and PID namespace give the root its own /proc.
  const args = ["--mount", "--pid", "--fork", `--mount-proc=${join(dir, "proc")}`, "chroot", dir];
  try {
    const { stdout, stderr } = await run("unshare", [...args, ...argv], {
      env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw err;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}
