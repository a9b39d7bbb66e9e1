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

  it("a UID another base user holds is still said, beside the name", () => {
    const messages = users("useradd -u 123 cron");
    expect(messages).toEqual([
      expect.stringContaining("UID 123 belongs to Alpine's base user ntp"),
      expect.stringContaining("user cron already exists in Alpine's base image (UID 16;"),
    ]);
  });
});
