import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALPINE_BASE_PRIMARY_GIDS } from "../src/rules/alpine-base.js";
import { migrate } from "./helpers.js";
import {
  alpineRoots,
  busyboxSkipReason,
  expectBodiesPass,
  runBodies,
} from "./support/busybox-root.js";

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: Alpine's base group on a GID, under busybox", () => {
  const newRoot = alpineRoots("alpinize-base-gid-");

  /** Runs every RUN of the migrated file in a fresh Alpine root; each must exit 0. */
  function runAll(dockerfile: string): { group: string; passwd: string } {
    const root = newRoot();
    expectBodiesPass(root, runBodies(migrate(dockerfile).output));
    const read = (f: string) => readFileSync(join(root, "etc", f), "utf8");
    return { group: read("group"), passwd: read("passwd") };
  }

  it("gives worker GID 999 where ping had it, and floppyish GID 11 (floppy had members)", () => {
    const { group, passwd } = runAll(
      [
        "FROM debian:bookworm-slim",
        "RUN groupadd -r -g 999 worker && useradd -r -g worker -u 999 worker",
        "RUN groupadd -g 11 floppyish",
        "",
      ].join("\n"),
    );
    expect(group).toMatch(/^worker:x:999:/m);
    expect(group).not.toMatch(/^ping:/m);
    expect(group).toMatch(/^floppyish:x:11:$/m);
    expect(group).not.toMatch(/^floppy:/m);
    expect(passwd).toMatch(/^worker:x:999:999:/m);
  });

  it("gives useradd -u 999's own group GID 999, system user or not", () => {
    const system = runAll("FROM debian:bookworm\nRUN useradd -u 999 -r redis\n");
    expect(system.group).toMatch(/^redis:x:999:/m);
    expect(system.passwd).toMatch(/^redis:x:999:999:/m);
    const login = runAll("FROM debian:bookworm\nRUN useradd -u 999 -m app\n");
    expect(login.passwd).toMatch(/^app:x:999:999:/m);
  });

  it("knows every primary GID of Alpine's base users (delgroup refuses those)", () => {
    const passwd = readFileSync(join(newRoot(), "etc/passwd"), "utf8");
    const gids = passwd
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => Number(l.split(":")[3]));
    expect([...ALPINE_BASE_PRIMARY_GIDS.keys()].sort((a, b) => a - b)).toEqual(
      [...new Set(gids)].sort((a, b) => a - b),
    );
  });

  it("runs Debian's addgroup --gid 999 and adduser --system --uid 999 --group", () => {
    const group = runAll("FROM debian:bookworm\nRUN addgroup --system --gid 999 svc\n").group;
    expect(group).toMatch(/^svc:x:999:$/m);
    const own = runAll("FROM debian:bookworm\nRUN adduser --system --uid 999 --group svc\n");
    expect(own.group).toMatch(/^svc:x:999:/m);
    expect(own.passwd).toMatch(/^svc:x:999:999:/m);
    const login = runAll("FROM debian:bookworm\nRUN adduser --uid 11 --disabled-password app\n");
    expect(login.passwd).toMatch(/^app:x:11:11:/m);
    expect(login.group).not.toMatch(/^floppy:/m);
  });

  it("runs groupadd -f -g 999 docker", () => {
    const { group } = runAll("FROM debian:bookworm\nRUN groupadd -f -g 999 docker\n");
    expect(group).toMatch(/^docker:x:999:$/m);
    expect(group).not.toMatch(/^ping:/m);
  });
});
