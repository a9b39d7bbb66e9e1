// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import { alpineRoots, busyboxSkipReason, runBodies } from "./support/busybox-root.js";

// A GID given through a variable whose default the Dockerfile sets (ARG/ENV, or `${GID:-N}`) is
// warned for that default as the number written out is; never rewritten, as a build arg may
// give another.
const users = (lines: string[]) =>
  migrate(`${lines.join("\n")}\n`)
    .warnings.filter((w) => w.rule === "users")
    .map((w) => `${w.line}: ${w.message}`);

describe("users: a GID variable with a default in the Dockerfile", () => {
  it("groupadd -g $GID where the ARG default is Alpine's ping's", () => {
    const r = migrate("FROM debian:bookworm\nARG GID=999\nRUN groupadd -g $GID app\n");
    expect(r.output).toContain("RUN addgroup -g $GID app\n");
    expect(r.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual([
      "3: $GID is 999 by default (ARG GID=999, line 2; a --build-arg may change it): GID 999 belongs to Alpine's base group ping, and busybox addgroup -g 999 stops there (gid '999' in use); nothing here uses ping, so run delgroup ping first, or pick a free GID, such as 998",
    ]);
  });

  it.each([
    [
      ["FROM debian:bookworm", "ARG GID=27", 'RUN groupadd -g "${GID}" app'],
      "${GID} is 27 by default (ARG GID=27, line 2; a --build-arg may change it): GID 27 belongs to Alpine's base group video",
    ],
    [
      ["FROM debian:bookworm", "RUN groupadd -g ${GID:-999} app"],
      "${GID:-999} is 999 unless GID is set: GID 999 belongs",
    ],
    [
      ["FROM debian:bookworm", "ARG GID", "RUN addgroup --gid ${GID:-999} app"],
      "${GID:-999} is 999 unless GID is set: GID 999 belongs",
    ],
    [
      ["FROM debian:bookworm", "ENV GID 999", "RUN groupadd -g $GID app"],
      "$GID is 999 by default (ENV GID=999, line 2): GID 999 belongs",
    ],
    [
      ["ARG GID=999", "FROM debian:bookworm", "ARG GID", "RUN groupadd -g $GID app"],
      "$GID is 999 by default (ARG GID=999, line 1; a --build-arg may change it): GID 999",
    ],
    [
      ["FROM debian:bookworm AS base", "ENV GID=999", "FROM base", "RUN groupadd -g $GID app"],
      "$GID is 999 by default (ENV GID=999, line 2): GID 999",
    ],
    [
      // ENV overrides an ARG of the same name, even a later one or the parent stage's.
      [
        "FROM debian:bookworm AS base",
        "ENV GID=999",
        "FROM base",
        "ARG GID=1000",
        "RUN groupadd -g $GID app",
      ],
      "$GID is 999 by default (ENV GID=999, line 2): GID 999",
    ],
  ])("%j", (lines, said) => {
    expect(users(lines)).toEqual([expect.stringContaining(said)]);
  });

  it("a Debian base GID given to chgrp, chown, COPY --chown and USER, once per stage", () => {
    expect(
      users([
        "ARG GID=44",
        "FROM debian:bookworm",
        "ARG GID",
        'RUN chgrp $GID /x && chown 0:${GID} /y && chown "$UID:$GID" /z',
        "COPY --chown=app:$GID a /a",
      ]),
    ).toEqual([
      "4: $GID is 44 by default (ARG GID=44, line 1; a --build-arg may change it): GID 44 is group video in Debian's base image, and Alpine's video is GID 27, where 44 is no base group's there: files and processes keep GID 44 as on Debian, but members of Alpine's video get nothing through it; if video is meant, name it (video, GID 27 here) or renumber it first (delgroup video && addgroup -g 44 video)",
    ]);
    expect(users(["FROM debian:bookworm", "ARG GID=29", "USER app:${GID}"])).toEqual([
      expect.stringMatching(/^3: \$\{GID\} is 29 by default .*: GID 29 is group audio/),
    ]);
  });

  it.each([
    ["RUN install -g $GID a /x", "44"],
    ['RUN install --group="${GID}" a /x', "44"],
    ["RUN find / -group $GID -print", "44"],
    ["RUN setpriv --regid=$GID id", "44"],
    ["RUN sg $GID -c id", "44"],
  ])("%s: the default read as for the number", (line) => {
    expect(users(["FROM debian:bookworm", "ARG GID=44", line])).toEqual([
      expect.stringMatching(/^3: \$\{?GID\}? is 44 by default .*: GID 44 is group video/),
    ]);
  });

  it("not without a number, for a group of the file's own, out of reach, or on Alpine", () => {
    const none = [
      ["FROM debian:bookworm", "ARG GID", "RUN groupadd -g $GID app && chgrp $GID /x"],
      ["FROM debian:bookworm", "ARG GID=", "RUN groupadd -g ${GID-999} app"],
      ["FROM debian:bookworm", "ARG GID=1000", "RUN groupadd -g $GID app && chown 0:$GID /x"],
      ["FROM debian:bookworm", "ARG GID=44", "RUN groupadd -g $GID gpu && chgrp $GID /x"],
      ["FROM debian:bookworm", "RUN groupadd -g $GID app", "ARG GID=999"],
      ["FROM debian:bookworm AS a", "ARG GID=999", "FROM a", "RUN groupadd -g $GID app"],
      ["ARG GID=999", "FROM debian:bookworm", "RUN groupadd -g $GID app"],
      ["FROM debian:bookworm", "ARG GID=44", "RUN chgrp ${GID}x /x && chgrp $GIDS /y"],
      ["FROM alpine:3.23", "ARG GID=44", "RUN chgrp $GID /x"],
      ["FROM debian:bookworm", "ARG GID=1000", "RUN install -g $GID a /x && install -m 644 $X /y"],
    ];
    for (const lines of none) expect(users(lines), lines.join(" | ")).toEqual([]);
  });
});

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: a GID variable's default, under busybox", () => {
  const newRoot = alpineRoots("alpinize-gid-defaults-");

  it("the migrated addgroup -g $GID stops on Alpine with the default, as the warning says", () => {
    const r = migrate("FROM debian:bookworm\nARG GID=999\nRUN groupadd -g $GID app\n");
    const [body] = runBodies(r.output);
    const run = (gid: string) =>
      spawnSync("chroot", [newRoot(), "/usr/bin/env", `GID=${gid}`, "/bin/sh", "-ec", body!], {
        encoding: "utf8",
        timeout: 60_000,
      });
    const kept = run("999");
    expect(kept.status).not.toBe(0);
    expect(kept.stderr).toContain("gid '999' in use");
    // A build arg that gives a free GID builds: the line is not rewritten for the default.
    expect(run("998").status).toBe(0);
  });
});
