import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("debconf notes", () => {
  it("says once per RUN that preseeded answers were removed", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN echo 'postfix postfix/mailname string mail.example.org' | debconf-set-selections \\",
        " && echo 'postfix postfix/main_mailer_type string Internet Site' | debconf-set-selections \\",
        " && echo 'slapd slapd/domain string example.org' | debconf-set-selections \\",
        " && apt-get update && apt-get install -y postfix",
        "RUN echo 'x x/y boolean true' | debconf-set-selections",
        "",
      ].join("\n"),
    );
    const notes = r.warnings.filter((w) => /debconf-set-selections removed/.test(w.message));
    expect(notes.map((w) => w.line)).toEqual([2, 6]);
    expect(r.output).not.toMatch(/debconf/);
  });

  it("keeps the timezone advice for each dpkg-reconfigure tzdata", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y tzdata && dpkg-reconfigure -f noninteractive tzdata\n",
    );
    expect(r.warnings.some((w) => /tzdata removed: .*\/etc\/localtime/.test(w.message))).toBe(true);
  });
});
