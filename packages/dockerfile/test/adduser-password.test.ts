import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("users: Debian's adduser without --disabled-password", () => {
  // In a build Debian's adduser cannot read a password, leaves the account locked and exits 0;
  // busybox adduser runs passwd, which fails there, and exits 1.
  it("gets -D, which locks the account the same way", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN adduser --gecos '' app\nRUN adduser worker && adduser worker users\n",
    );
    expect(r.output).toContain("RUN adduser -D -g '' app\n");
    expect(r.output).toContain("RUN adduser -D worker && adduser worker users\n");
  });

  it("keeps the options busybox reads, the skeleton directory too", () => {
    const r = migrate("FROM debian:bookworm\nRUN adduser --skel /etc/skel2 -h /srv/app app\n");
    expect(r.output).toContain("RUN adduser -D -h /srv/app -k /etc/skel2 app\n");
  });

  it("leaves an Alpine stage's own call alone", () => {
    const text = "FROM alpine:3.23\nRUN adduser --gecos '' app\n";
    expect(migrate(text).output).toBe(text);
  });
});
