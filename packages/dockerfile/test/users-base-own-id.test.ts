import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const FROM = "FROM debian:bookworm-slim\n";
const users = (run: string) =>
  migrate(`${FROM}RUN ${run}\n`)
    .warnings.filter((w) => w.rule === "users")
    .map((w) => w.message);

// A line making Alpine's base account with the ID Alpine gives it: the ID is the account's own,
// so the one thing to say is about the account (use Alpine's, or another name), never "pick a
// free UID", which would contradict it.
describe("users: a base account made with its own Alpine ID", () => {
  it.each([
    ["useradd -u 65534 -g nogroup nobody", "user nobody", 2],
    ["useradd -u 123 -s /bin/bash ntp", "user ntp", 1],
    ["adduser --system --uid 65534 --ingroup nogroup nobody", "user nobody", 2],
    ["adduser -S -u 16 -s /bin/sh cron", "user cron", 1],
  ])("%s: one warning on the account, none on its UID", (run, account, count) => {
    const messages = users(run);
    expect(messages.join("\n")).not.toMatch(/belongs to Alpine's base user|pick a free UID/);
    expect(messages.filter((m) => m.startsWith(`${account} already exists`))).toEqual([
      expect.stringContaining("; this line asks for "),
    ]);
    // The other one, when there, is nogroup's GID (65534 on Debian, 65533 on Alpine).
    expect(messages).toHaveLength(count);
    if (count === 2) expect(messages[1]).toMatch(/^group nogroup is GID 65534 in Debian's/);
  });

  it.each([
    ["groupadd -g 65533 nogroup", "group nogroup"],
    ["groupadd -g 123 ntp", "group ntp"],
    ["groupadd -g 82 www-data", "group www-data"],
  ])("%s: a group is said once too", (run, account) => {
    expect(users(run)).toEqual([expect.stringMatching(new RegExp(`^${account} already exists`))]);
  });

  // A free ID alone would still stop on the name: the ID warning says so, not "pick a free UID".
  it("a UID another base user holds is still said, beside the name, with advice that fits it", () => {
    const messages = users("useradd -u 123 cron");
    expect(messages).toEqual([
      "UID 123 belongs to Alpine's base user ntp: busybox adduser -u 123 stops there (uid '123' in use); the name is Alpine's too (see the warning on it): with a name Alpine's base lacks, pick a free UID as well, such as 122",
      expect.stringContaining("user cron already exists in Alpine's base image (UID 16;"),
    ]);
  });

  it("so is a GID another base group holds, for a base group's name", () => {
    expect(users("groupadd -g 65534 nogroup")).toEqual([
      "GID 65534 belongs to Alpine's base group nobody, and busybox addgroup -g 65534 stops there (gid '65534' in use); the name is Alpine's too (see the warning on it): with a name Alpine's base lacks, pick a free GID as well, such as 1000",
      expect.stringContaining("group nogroup already exists in Alpine's base image (GID 65533;"),
    ]);
  });
});
