import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ALPINE_GROUPS } from "../src/rules/alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "../src/rules/debian-base-groups.js";
import { migrate } from "./helpers.js";
import {
  busyboxSkipReason,
  expectBodiesPass,
  makeAlpineRoot,
  runBodies,
} from "./support/busybox-root.js";

const makeRoot = (): string => makeAlpineRoot("alpinize-groups-");

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: Debian's base groups joined under busybox", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /** Runs every RUN of the migrated file in a fresh root; each must exit 0. */
  function runAll(dockerfile: string): string {
    root = makeRoot();
    expectBodiesPass(root, runBodies(migrate(dockerfile).output));
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

  it("makes a group once for a chgrp in a sh -c string in a loop, and before a conditional chown", () => {
    const group = runAll(
      [
        "FROM debian:bookworm",
        "RUN for d in a b; do sh -c 'chgrp staff /tmp'; done",
        "RUN [ -d /nowhere ] && chown root:plugdev /nowhere; chown root:plugdev /srv",
        "RUN find /srv -exec chgrp sudo {} \\;",
        "",
      ].join("\n"),
    );
    expect(group).toMatch(/^staff:x:\d+:$/m);
    expect(group).toMatch(/^plugdev:x:\d+:$/m);
    expect(group).toMatch(/^sudo:x:\d+:$/m);
  });

  it("runs groupadd and useradd of accounts Alpine's base already has", () => {
    const group = runAll(
      "FROM debian:bookworm\nRUN groupadd -r ntp && useradd -r -g ntp ntp\nRUN groupadd cron && useradd -G staff cron\n",
    );
    expect(group).toMatch(/^ntp:x:123:$/m);
    expect(group).toMatch(/^staff:x:\d+:cron$/m);
  });

  it("runs a GID probe guarding a group made with ping's GID 999", () => {
    const group = runAll(
      "FROM debian:bookworm\nRUN useradd app\nRUN grep -q ':999:' /etc/group || groupadd -g 999 docker; usermod -aG docker app\n",
    );
    expect(group).toMatch(/^docker:x:999:app$/m);
  });
});
