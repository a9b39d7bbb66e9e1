import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import { alpineRoots, busyboxSkipReason, runBodies } from "./support/busybox-root.js";

const run = (lines: string[]) => migrate(["FROM debian:bookworm", ...lines, ""].join("\n"));

describe("users: a system user's own group gets GID = UID, as Debian's tools give it", () => {
  it("adds -g N for adduser --system --uid N --group and useradd -r -u N where N is free", () => {
    const r = run(["RUN adduser --system --uid 1500 --group svc", "RUN useradd -r -u 1600 app"]);
    expect(r.output).toContain(
      "RUN addgroup -S -g 1500 svc && adduser -S -D -u 1500 -G svc -h /nonexistent -s /sbin/nologin -H svc\n",
    );
    expect(r.output).toContain("RUN addgroup -S -g 1600 app && adduser -S -D -u 1600 -G app");
  });

  it("lets busybox pick when a group of the file has N, or the file uses N before", () => {
    const r = run([
      "RUN groupadd -g 1500 other && chown 0:1600 /srv",
      "RUN adduser --system --uid 1500 --group svc && useradd -r -u 1600 app",
    ]);
    expect(r.output).toContain("addgroup -S svc && adduser -S -D -u 1500 -G svc");
    expect(r.output).toContain("addgroup -S app && adduser -S -D -u 1600 -G app");
  });

  it("falls back to a GID busybox picks in the system range after a package install", () => {
    const r = run([
      "RUN apt-get update && apt-get install -y nginx",
      "RUN adduser --system --uid 150 --group svc",
    ]);
    expect(r.output).toContain(
      "RUN { addgroup -S -g 150 svc || addgroup -S svc; } && adduser -S -D -u 150 -G svc",
    );
  });
});

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: system users' own GID, under busybox", () => {
  const newRoot = alpineRoots("alpinize-system-own-gid-");

  function groupsAfter(text: string, before = ""): string {
    const root = newRoot();
    const bodies = runBodies(text).filter((b) => !b.startsWith("apk "));
    for (const body of before ? [before, ...bodies] : bodies) {
      const r = spawnSync("chroot", [root, "/bin/sh", "-ec", body], { encoding: "utf8" });
      expect({ body, status: r.status }).toEqual({ body, status: 0 });
    }
    return readFileSync(join(root, "etc/group"), "utf8");
  }

  it("gives svc and app GID 1500 and 1600", () => {
    const r = run(["RUN adduser --system --uid 1500 --group svc", "RUN useradd -r -u 1600 app"]);
    const group = groupsAfter(r.output);
    expect(group).toMatch(/^svc:x:1500:/m);
    expect(group).toMatch(/^app:x:1600:/m);
  });

  it("still makes the group when a package took GID N", () => {
    const r = run(["RUN adduser --system --uid 150 --group svc"]);
    expect(r.output).toContain("addgroup -S -g 150 svc &&");
    const taken = migrate(
      "FROM debian:bookworm\nRUN apt-get install -y nginx\nRUN adduser --system --uid 150 --group svc\n",
    );
    const group = groupsAfter(taken.output, "addgroup -S -g 150 pkg");
    expect(group).toMatch(/^svc:x:(?!150:)\d+:/m);
  });
});
