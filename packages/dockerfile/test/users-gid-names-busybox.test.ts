import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import {
  alpineRoots,
  busyboxSkipReason,
  expectBodiesPass,
  runBodies,
} from "./support/busybox-root.js";

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: a primary GID given by number, under busybox", () => {
  const newRoot = alpineRoots("alpinize-gid-names-");

  const sh = (root: string, body: string) =>
    spawnSync("chroot", [root, "/bin/sh", "-ec", body], { encoding: "utf8", timeout: 60_000 });

  it("adduser --gid 0 / --gid 100 and useradd -g 0 / -g 100 name root and users, which run", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN adduser --system --gid 0 svc",
        "RUN adduser --system --gid 100 app",
        "RUN useradd -r -g 0 web && useradd -g 100 web2",
        "",
      ].join("\n"),
    );
    expect(r.warnings.filter((w) => w.rule === "users")).toEqual([]);
    const root = newRoot();
    expectBodiesPass(root, runBodies(r.output));
    const passwd = readFileSync(join(root, "etc/passwd"), "utf8");
    expect(passwd).toMatch(/^svc:x:\d+:0:/m);
    expect(passwd).toMatch(/^app:x:\d+:100:/m);
    expect(passwd).toMatch(/^web:x:\d+:0:/m);
    expect(passwd).toMatch(/^web2:x:\d+:100:/m);
    // What alpinize wrote before: busybox takes no number for -G.
    expect(sh(newRoot(), "adduser -S -D -G 0 svc").stderr).toContain("unknown group 0");
  });

  it("says to create a GID no group has, and that advice runs", () => {
    const r = migrate("FROM debian:bookworm\nRUN adduser --system --gid 4000 svc\n");
    const said = r.warnings.map((w) => w.message).join("\n");
    expect(said).toContain("create it first (addgroup -g 4000 NAME) and name it");
    const root = newRoot();
    expectBodiesPass(root, ["addgroup -g 4000 grp && adduser -S -D -G grp svc"]);
  });

  it("after delgroup of the base group on that GID, says to create it, and that runs", () => {
    const r = migrate("FROM debian:bookworm\nRUN groupdel ping && useradd -g 999 app\n");
    expect(r.output).toContain("adduser -D -G 999 -H app");
    expect(r.warnings.map((w) => w.message).join("\n")).toContain("addgroup -g 999 NAME");
    expectBodiesPass(newRoot(), ["delgroup ping && addgroup -g 999 grp && adduser -D -G grp app"]);
  });

  it("the advice for Debian's sudo on 27 holds: addgroup -g 27 stops, addgroup -S sudo runs", () => {
    const said = migrate("FROM debian:bookworm\nRUN chgrp 27 /srv\n").warnings.map(
      (w) => w.message,
    );
    expect(said.join("\n")).toContain(
      "make it first under a GID of its own (addgroup -S sudo) and name it (busybox addgroup -g 27 stops: video has it)",
    );
    const root = newRoot();
    expect(sh(root, "addgroup -g 27 sudo").status).not.toBe(0);
    expectBodiesPass(root, ["addgroup -S sudo && chgrp sudo /srv"]);
  });
});
