import { describe, expect, it } from "vitest";
import { lintEntrypoint } from "../src/index.js";
import { freshRootEach, skipReason } from "./support/roots.js";

const script = (...lines: string[]) => ["#!/bin/sh", "set -e", ...lines, ""].join("\n");
const ids = (text: string) =>
  lintEntrypoint(text)
    .filter((f) => f.rule === "alpine-id")
    .map((f) => `${f.severity} ${f.message} | ${f.fix}`);

// `adduser -D -u 123 ntp`: Alpine's base has user ntp with UID 123. It got the own-group error
// too ("UID 123 is free on Alpine … add -G ntp"), which is false (ntp holds UID 123) and
// contradicts the base-account error: busybox stops on the name first, with -G or without.
const LINES = ["adduser -D -u 123 ntp", "adduser -D -u 65534 nobody", "adduser -D -u 16 cron"];

describe("alpine-id: busybox adduser of a base user with its own UID", () => {
  it.each(LINES)("%s: one finding, the base-account one", (line) => {
    const name = line.split(" ").at(-1);
    expect(ids(script(line))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^error user ${name} already exists in Alpine's base image .*: busybox adduser stops on it \\(user '${name}' in use\\) \\| drop this step`,
        ),
      ),
    ]);
  });

  it("a user Alpine's base lacks still gets the own-group error", () => {
    expect(ids(script("adduser -D -u 999 app"))).toEqual([
      expect.stringContaining("UID 999 is free on Alpine, but busybox adduser without -G"),
    ]);
  });
});

const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)(
  `busybox adduser in the busybox root${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    const root = freshRootEach("busybox");

    it("stops on the name, with -G of the base group or without", async () => {
      for (const line of [...LINES, "adduser -D -u 123 -G ntp ntp"]) {
        const name = line.split(" ").at(-1);
        const r = await root().exec(["/bin/sh", "-c", line]);
        expect([r.code, r.stderr.trim()], line).toEqual([1, `adduser: user '${name}' in use`]);
      }
    });
  },
);
