import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import {
  busyboxSkipReason,
  expectBodiesPass,
  makeAlpineRoot,
  runBodies,
} from "./support/busybox-root.js";

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("Ubuntu's user ubuntu under busybox", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /** Runs the migrated RUN lines but apk's and shadow's (neither is in the root) in Alpine's root. */
  function runAll(dockerfile: string): string {
    root = makeAlpineRoot("alpinize-ubuntu-user-");
    // A user other than root must get into the (mkdtemp 0700) root.
    chmodSync(root, 0o755);
    const output = migrate(dockerfile).output;
    const bodies = runBodies(output).filter((b) => !/^apk add|usermod|groupmod/.test(b));
    expectBodiesPass(root, bodies);
    return output;
  }

  it("makes the account Ubuntu's image has: UID/GID 1000, its home, a shell Alpine has", () => {
    runAll("FROM ubuntu:24.04\nRUN su ubuntu -c 'id -un'\nUSER ubuntu\n");
    const passwd = readFileSync(join(root!, "etc/passwd"), "utf8");
    expect(passwd).toContain("\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/sh\n");
    // busybox lists the user in its own group, which Ubuntu's /etc/group does not.
    expect(readFileSync(join(root!, "etc/group"), "utf8")).toContain("\nubuntu:x:1000:ubuntu\n");
    const home = statSync(join(root!, "home/ubuntu"));
    expect([home.isDirectory(), home.uid, home.gid]).toEqual([true, 1000, 1000]);
    // The user runs commands and writes its home, as USER ubuntu will.
    const r = spawnSync("chroot", [root!, "su", "ubuntu", "-c", "touch ~/x && id -un"], {
      encoding: "utf8",
    });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "ubuntu\n", ""]);
  });

  it.each([
    ["eclipse-temurin's noble tag", "FROM eclipse-temurin:21-jdk-noble\nUSER ubuntu\n"],
    ["a stage chain on it", "FROM maven:3.9-eclipse-temurin-21-noble AS b\nFROM b\nUSER 1000\n"],
  ])("gives ubuntu 1000:1000 on %s, as Ubuntu 24.04 has it", (_, dockerfile) => {
    const output = runAll(dockerfile);
    expect(output).toMatch(/^RUN addgroup -g 1000 ubuntu && adduser /m);
    // busybox id prints groups=1000(ubuntu) twice (the group lists its user): the IDs are asked.
    const id = (option: string) =>
      spawnSync("chroot", [root!, "id", option, "ubuntu"], { encoding: "utf8" }).stdout;
    expect(["-u", "-g", "-gn"].map(id)).toEqual(["1000\n", "1000\n", "ubuntu\n"]);
    const home = statSync(join(root!, "home/ubuntu"));
    expect([home.uid, home.gid]).toEqual([1000, 1000]);
  });

  it("builds every stage chain of sibling stages FROM one base, each with ubuntu once", () => {
    const output = migrate(
      "FROM ubuntu:24.04 AS base\nRUN true\nFROM base AS a\nUSER ubuntu\nFROM base AS b\nUSER ubuntu\nFROM b AS c\nRUN chown ubuntu /srv\nUSER ubuntu\n",
    ).output;
    // What each of a, b and c builds on: its own RUN lines after its chain's, in one root each.
    for (const [stage, chain] of Object.entries({
      a: ["base", "a"],
      b: ["base", "b"],
      c: ["base", "b", "c"],
    })) {
      root = makeAlpineRoot(`alpinize-ubuntu-${stage}-`);
      expectBodiesPass(
        root,
        chain.flatMap((s) => runBodies(stageText(output, s))),
      );
      const passwd = readFileSync(join(root, "etc/passwd"), "utf8");
      expect(passwd.match(/^ubuntu:/gm)).toEqual(["ubuntu:"]);
      rmSync(root, { recursive: true, force: true });
    }
    root = undefined;
  });

  it("deletes it again when a step deletes it after a use, and frees UID 1000", () => {
    runAll(
      "FROM ubuntu:24.04\nRUN chown -R ubuntu /srv && userdel -r ubuntu && useradd -u 1000 -m app\n",
    );
    const passwd = readFileSync(join(root!, "etc/passwd"), "utf8");
    expect(passwd).not.toMatch(/^ubuntu:/m);
    expect(passwd).toMatch(/^app:x:1000:1000:/m);
  });

  it("leaves no deletion or lookup that fails where ubuntu was deleted first", () => {
    const output = runAll(
      "FROM ubuntu:24.04\nRUN getent passwd ubuntu && userdel -r ubuntu || true\nRUN id -u ubuntu >/dev/null 2>&1 && userdel -r ubuntu; useradd -u 1000 -m app\n",
    );
    expect(output).not.toMatch(/deluser|getent|id -u/);
    expect(readFileSync(join(root!, "etc/passwd"), "utf8")).toMatch(/^app:x:1000:1000:/m);
  });
});

/** The lines of the stage `AS alias` of a Dockerfile, its FROM included. */
function stageText(dockerfile: string, alias: string): string {
  const stages = dockerfile.split(/^(?=FROM )/m);
  const stage = stages.find((s) => new RegExp(`^FROM \\S+ AS ${alias}\\n`).test(s));
  if (stage === undefined) throw new Error(`no stage ${alias} in:\n${dockerfile}`);
  return stage;
}
