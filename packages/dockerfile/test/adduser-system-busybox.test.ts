import { existsSync, readFileSync } from "node:fs";
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
describe.skipIf(reason !== undefined)("users: Debian's adduser --system, under busybox", () => {
  const newRoot = alpineRoots("alpinize-adduser-system-");

  /** Runs every RUN of the migrated file in a fresh Alpine root; each must exit 0. */
  function runAll(dockerfile: string): { root: string; group: string; passwd: string } {
    const root = newRoot();
    expectBodiesPass(root, runBodies(migrate(dockerfile).output));
    const read = (f: string) => readFileSync(join(root, "etc", f), "utf8");
    return { root, group: read("group"), passwd: read("passwd") };
  }

  it("runs addgroup --system --gid 101 nginx && adduser --system --uid 101 --group nginx", () => {
    const { root, group, passwd } = runAll(
      "FROM debian:bookworm\nRUN addgroup --system --gid 101 nginx && adduser --system --uid 101 --group nginx\n",
    );
    expect(group.match(/^nginx:/gm)).toHaveLength(1);
    expect(group).toMatch(/^nginx:x:101:/m);
    // Debian's account: home /nonexistent (not made), shell nologin.
    expect(passwd).toMatch(/^nginx:x:101:101:[^:]*:\/nonexistent:\/sbin\/nologin$/m);
    expect(existsSync(join(root, "nonexistent"))).toBe(false);
    expect(existsSync(join(root, "home/nginx"))).toBe(false);
  });

  it("runs the group and the user in two RUNs, and a system user with no group", () => {
    const { passwd } = runAll(
      [
        "FROM debian:bookworm",
        "RUN groupadd -r -g 101 nginx",
        "RUN adduser --system --uid 101 --group nginx",
        "RUN adduser --system svc",
        "",
      ].join("\n"),
    );
    expect(passwd).toMatch(/^nginx:x:101:101:[^:]*:\/nonexistent:\/sbin\/nologin$/m);
    // Debian's adduser --system puts a user with no group in nogroup (65534 on Debian).
    expect(passwd).toMatch(/^svc:x:\d+:\d+:[^:]*:\/nonexistent:\/sbin\/nologin$/m);
  });
});
