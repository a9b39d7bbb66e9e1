import { existsSync } from "node:fs";
import { copyFile, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { alpineRootSkipReason, execInRoot, makeAlpineRoot } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { runRepositoryMigration } from "./dir.js";
import { captureIo, gitRepo } from "./repo-test-support.js";

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

/**
 * Alpine's su-exec package cannot be fetched here. gosu (a static binary, from the host's Debian
 * package) takes the same `USER[:GROUP] CMD` form, so it stands in for the program that package
 * installs: the run shows the shim finds what the migrated Dockerfile installs.
 */
const GOSU = "/usr/sbin/gosu";

function chrootSkip(): string | undefined {
  return alpineRootSkipReason() ?? (existsSync(GOSU) ? undefined : `no static gosu at ${GOSU}`);
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
      const started = await execInRoot(image, ["/entrypoint.sh", "id"]);
      expect(started).toMatchObject({ code: 0, stderr: "" });
      expect(started.stdout).toMatch(/^uid=1000\(app\) gid=1000\(app\)/);
      // The same image without the su-exec the migration added: the shim has nothing to run.
      await unlink(join(image, "sbin/su-exec"));
      const stopped = await execInRoot(image, ["/entrypoint.sh", "id"]);
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
  const dir = makeAlpineRoot("alpinize-exec-as-", { dirs: ["proc", "home"], devNull: true });
  for (const line of dockerfile.split("\n").filter((l) => l.startsWith("RUN "))) {
    const command = line.slice(4);
    const apk = /^apk add --no-cache (.*)$/.exec(command);
    if (!apk) {
      expect(await execInRoot(dir, ["/bin/sh", "-c", command])).toMatchObject({ code: 0 });
      continue;
    }
    if (apk[1]!.split(/\s+/).includes("su-exec")) await copyFile(GOSU, join(dir, "sbin/su-exec"));
  }
  await writeFile(join(dir, "entrypoint.sh"), entrypoint, { mode: 0o755 });
  return dir;
}
