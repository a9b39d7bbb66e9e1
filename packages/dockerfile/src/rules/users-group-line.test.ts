import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";

const FROM = "FROM debian:bookworm-slim\n";
const run = (body: string) => migrate(`${FROM}RUN ${body}\n`).output.replace(/^FROM .*\n/, "");

// busybox addgroup -S stops on a group that exists ("addgroup: group 'staff' in use"), so a step
// that runs on each pass of a loop fails the second time (checked with Alpine's musl busybox in a
// chroot holding Alpine's /etc/group and /etc/passwd).
describe("rule users: a Debian base group made once when joined in a loop or function", () => {
  it("puts addgroup -S on a RUN line of its own before for, while, case and if", () => {
    expect(run('for u in a b; do useradd -G staff "$u"; done')).toBe(
      'RUN addgroup -S staff\nRUN for u in a b; do adduser -D -H "$u" && addgroup "$u" staff; done\n',
    );
    expect(run('while read -r u; do useradd -G staff "$u"; done < /users')).toBe(
      'RUN addgroup -S staff\nRUN while read -r u; do adduser -D -H "$u" && addgroup "$u" staff; done < /users\n',
    );
    expect(run('for u in a b; do case "$u" in a) usermod -aG staff "$u";; esac; done')).toBe(
      'RUN addgroup -S staff\nRUN for u in a b; do case "$u" in a) addgroup "$u" staff;; esac; done\n',
    );
    expect(run("if true; then useradd -G staff x; fi")).toBe(
      "RUN addgroup -S staff\nRUN if true; then adduser -D -H x && addgroup x staff; fi\n",
    );
  });

  it("treats a function body as a loop: it runs once per call", () => {
    expect(run('mk() { useradd -G staff "$1"; }; mk a; mk b')).toBe(
      'RUN addgroup -S staff\nRUN mk() { adduser -D -H "$1" && addgroup "$1" staff; }; mk a; mk b\n',
    );
    const heredoc = migrate(`${FROM}RUN <<EOF\nmk()\n{\n  useradd -g staff "$1"\n}\nmk a\nEOF\n`);
    expect(heredoc.output).toBe(
      'FROM alpine:3.23\nRUN addgroup -S staff\nRUN <<EOF\nmk()\n{\n  adduser -D -G staff -H "$1"\n}\nmk a\nEOF\n',
    );
    // A plain { …; } group runs once: the step stays in it.
    expect(run("{ useradd -G staff a; } && id a")).toBe(
      "RUN { adduser -D -H a && addgroup -S staff && addgroup a staff; } && id a\n",
    );
  });

  it("covers primary groups, adduser USER GROUP and gpasswd -a in a loop", () => {
    expect(run('for u in a b; do useradd -g staff "$u"; done')).toBe(
      'RUN addgroup -S staff\nRUN for u in a b; do adduser -D -G staff -H "$u"; done\n',
    );
    expect(run('for u in a b; do adduser --disabled-password --ingroup staff "$u"; done')).toMatch(
      /^RUN addgroup -S staff\nRUN for u in a b; do adduser -D -G staff "\$u"; done\n$/,
    );
    expect(run('for u in a b; do adduser "$u" plugdev; done')).toBe(
      'RUN addgroup -S plugdev\nRUN for u in a b; do adduser "$u" plugdev; done\n',
    );
    expect(run('for u in a b; do gpasswd -a "$u" plugdev; done')).toBe(
      'RUN addgroup -S plugdev\nRUN for u in a b; do addgroup "$u" plugdev; done\n',
    );
  });

  it("keeps the step inline in a plain chain, made once for all its joins", () => {
    expect(run("useradd -G staff a && useradd -G staff b")).toBe(
      "RUN adduser -D -H a && addgroup -S staff && addgroup a staff && adduser -D -H b && addgroup b staff\n",
    );
  });
});
