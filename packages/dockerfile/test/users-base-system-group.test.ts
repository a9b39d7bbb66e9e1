import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const FROM = "FROM debian:bookworm-slim\n";
const run = (line: string) => {
  const r = migrate(`${FROM}RUN ${line} && echo ok\n`);
  return { output: r.output, messages: r.warnings.map((w) => w.message) };
};

// Debian's `adduser --system NAME` with no --group/--ingroup/--gid gives a new user primary group
// nogroup (GID 65534); Alpine's base ntp has its own group ntp (GID 123). The line is still
// dropped (it asked for nothing Alpine's account lacks), and the note says the group differs.
describe("users: a dropped adduser --system of a base user says Debian's primary group", () => {
  it.each([
    ["adduser --system ntp", "ntp", 123],
    ["adduser --system --no-create-home --disabled-password ntp", "ntp", 123],
    ["adduser --system --uid 16 cron", "cron", 16],
  ])("%s: nogroup on Debian, its own group here", (line, name, gid) => {
    const r = run(line);
    expect(r.output).toBe("FROM alpine:3.23\nRUN echo ok\n");
    expect(r.messages).toEqual([
      `user ${name} already exists in Alpine's base image (UID ${gid}): its creation is dropped, as busybox would stop on it; the account keeps Alpine's IDs, home and shell; its primary group is Alpine's ${name} (GID ${gid}), not nogroup (GID 65534 on Debian) as Debian's adduser --system gives it: files the user makes get group ${name}, and what relies on its GID being 65534 differs; if that matters, give the user a name Alpine's base lacks`,
    ]);
  });

  it("a user Debian's base has keeps Debian's group there: said when the name differs", () => {
    expect(run("adduser --system nobody").messages).toEqual([
      expect.stringContaining(
        "; its primary group is Alpine's nobody (GID 65534), not nogroup (GID 65534 on Debian) as Debian's base image gives its nobody: files the user makes get group nobody; if",
      ),
    ]);
    expect(run("adduser --system sync").messages).toEqual([
      expect.stringContaining("Alpine's root (GID 0), not nogroup (GID 65534 on Debian)"),
    ]);
  });

  it.each([
    "adduser --system --group ntp",
    "adduser --system --ingroup ntp ntp",
    "adduser --system --gid 123 ntp",
    "useradd -r ntp",
    "useradd -u 123 ntp",
  ])("%s: the same group on both, no word on it", (line) => {
    const r = run(line);
    expect(r.output).toBe("FROM alpine:3.23\nRUN echo ok\n");
    expect(r.messages).toEqual([expect.stringMatching(/, home and shell$/)]);
  });

  it("adduser --system games: the same group on both, under other GIDs (60 on Debian, 35 here)", () => {
    const r = run("adduser --system games");
    expect(r.output).toBe("FROM alpine:3.23\nRUN echo ok\n");
    expect(r.messages).toEqual([
      expect.stringMatching(/, home and shell$/),
      expect.stringMatching(/^group games is GID 60 in Debian's base image and 35 in Alpine's: /),
    ]);
  });
});
