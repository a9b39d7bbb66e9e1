import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const users = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users").map((w) => w.message);

const runs = (r: ReturnType<typeof migrate>) =>
  r.output.split("\n").filter((l) => l.startsWith("RUN "));

describe("users: Debian's adduser/addgroup on a GID Alpine's base group holds", () => {
  it("removes ping before addgroup --system --gid 999", () => {
    const r = migrate("FROM debian:bookworm\nRUN addgroup --system --gid 999 svc\n");
    expect(runs(r)).toEqual(["RUN delgroup ping && addgroup -S -g 999 svc"]);
    expect(users(r)).toEqual([
      "Alpine's base group ping holds GID 999 (Debian's base has no group there); removed it so svc keeps GID 999 as on Debian",
    ]);
  });

  it("gives adduser --system --uid 999 --group's group GID 999, as Debian's adduser does", () => {
    const r = migrate("FROM debian:bookworm\nRUN adduser --system --uid 999 --group svc\n");
    expect(runs(r)).toEqual([
      "RUN delgroup ping && addgroup -S -g 999 svc && adduser -S -D -u 999 -G svc -h /nonexistent -s /sbin/nologin -H svc",
    ]);
    expect(users(r)).toEqual([
      "Alpine's base group ping holds GID 999 (Debian's base has no group there); removed it so svc's own group gets GID 999, its UID, as on Debian",
    ]);
  });

  it("uses --gid over --uid for --group's group", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN adduser --system --uid 999 --gid 11 --group svc\n",
    );
    expect(runs(r)[0]).toMatch(/^RUN delgroup floppy && addgroup -S -g 11 svc && /);
  });

  it("gives a login user's own group GID = UID (adduser --uid 999)", () => {
    const r = migrate("FROM debian:bookworm\nRUN adduser --uid 999 --disabled-password app\n");
    expect(runs(r)).toEqual([
      "RUN delgroup ping && addgroup -g 999 app && adduser -D -u 999 -G app app",
    ]);
  });

  it("keeps ping the file uses, and says so", () => {
    const kept = migrate(
      "FROM debian:bookworm\nRUN chgrp ping /x && addgroup --system --gid 999 svc\n",
    );
    expect(runs(kept)[0]).toBe("RUN chgrp ping /x && addgroup -S -g 999 svc");
    expect(users(kept)).toEqual([
      "GID 999 belongs to Alpine's base group ping, and busybox addgroup -g 999 stops there (gid '999' in use); ping stays, as this file uses group ping (chgrp ping /x): pick a free GID, such as 998",
    ]);
    const own = migrate(
      "FROM debian:bookworm\nRUN chgrp ping /x && adduser --system --uid 999 --group svc\n",
    );
    expect(runs(own)[0]).toBe(
      "RUN chgrp ping /x && addgroup -S svc && adduser -S -D -u 999 -G svc -h /nonexistent -s /sbin/nologin -H svc",
    );
    expect(users(own)).toEqual([
      "adduser --system --uid 999: Debian's adduser gives svc's own group GID 999, which Alpine's base group ping has and keeps (this file uses group ping (chgrp ping /x)): busybox addgroup -S gives svc another GID",
    ]);
  });

  it("changes nothing on a second run", () => {
    const first = migrate(
      "FROM debian:bookworm\nRUN addgroup --gid 999 a\nRUN adduser --system --uid 11 --group b\n",
    );
    const again = migrate(first.output);
    expect(again.output).toBe(first.output);
    expect(users(again)).toEqual([]);
  });
});
