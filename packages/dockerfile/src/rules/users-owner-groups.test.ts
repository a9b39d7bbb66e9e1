// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";

const FROM = "FROM debian:bookworm-slim\n";
const notes = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "users")
    .map((w) => `${w.line}:${w.column} ${w.message}`);

// Debian's base-passwd has staff (50), plugdev (46), sudo (27) …; Alpine's /etc/group has none of
// them, and busybox chown/chgrp, COPY --chown and USER stop on an unknown group.
describe("rule users: Debian base groups named as owners", () => {
  it("makes staff and plugdev before the chown and chgrp that name them, once per stage", () => {
    const r = migrate(
      `${FROM}RUN chown root:staff /usr/local/bin && chgrp plugdev /data\nCOPY --chown=root:staff a /a\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S staff && chown root:staff /usr/local/bin && addgroup -S plugdev && chgrp plugdev /data\nCOPY --chown=root:staff a /a\n",
    );
    expect(notes(`${FROM}RUN chown root:staff /usr/local/bin && chgrp plugdev /data\n`)).toEqual([
      "2:5 group staff is in Debian's base image but not Alpine's, where busybox chown stops the build on it (unknown group staff): addgroup -S staff now makes it first, with a GID busybox picks (nothing in this file uses Debian's 50)",
      "2:40 group plugdev is in Debian's base image but not Alpine's, where busybox chgrp stops the build on it (unknown group plugdev): addgroup -S plugdev now makes it first, with a GID busybox picks (nothing in this file uses Debian's 46)",
    ]);
  });

  it("gives COPY, ADD and USER the group in a RUN line before them, as root after a USER", () => {
    const r = migrate(
      `${FROM}RUN useradd app\nUSER app\nCOPY --chown=app:staff a /a\nADD --chown=app:plugdev b /b\nUSER app:staff\n`,
    );
    expect(r.output).toBe(
      [
        "FROM alpine:3.23",
        "RUN adduser -D -H app",
        "USER app",
        "USER root",
        "RUN addgroup -S staff",
        "USER app",
        "COPY --chown=app:staff a /a",
        "USER root",
        "RUN addgroup -S plugdev",
        "USER app",
        "ADD --chown=app:plugdev b /b",
        "USER app:staff",
        "",
      ].join("\n"),
    );
    expect(r.warnings.map((w) => `${w.line}:${w.column}`)).toEqual(["4:6", "5:5"]);
    expect(r.warnings[0]?.message).toMatch(/where COPY --chown stops the build on it/);
  });

  it("keeps Debian's GID where the file uses the number and Alpine leaves it free", () => {
    expect(migrate(`${FROM}RUN chown :staff /s && chown 0:50 /t\n`).output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S -g 50 staff && chown :staff /s && chown 0:50 /t\n",
    );
  });

  it("puts the step on a line of its own for a loop or sudo, and after && or ||", () => {
    expect(migrate(`${FROM}RUN for d in a b; do chgrp staff "$d"; done\n`).output).toBe(
      'FROM alpine:3.23\nRUN addgroup -S staff\nRUN for d in a b; do chgrp staff "$d"; done\n',
    );
    expect(migrate(`${FROM}USER app\nRUN sudo chgrp staff /d\n`).output).toBe(
      "FROM alpine:3.23\nUSER app\nUSER root\nRUN addgroup -S staff\nUSER app\nRUN sudo chgrp staff /d\n",
    );
    expect(migrate(`${FROM}RUN test -d /x || chown root:staff /x 2>/dev/null\n`).output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S staff\nRUN test -d /x || chown root:staff /x 2>/dev/null\n",
    );
    // Behind a condition the step may not run, and the next chown would stop on the group.
    expect(
      migrate(`${FROM}RUN [ -d /a ] && chown root:staff /a; chown root:staff /b\n`).output,
    ).toBe(
      "FROM alpine:3.23\nRUN addgroup -S staff\nRUN [ -d /a ] && chown root:staff /a; chown root:staff /b\n",
    );
  });

  it("puts the step on a line of its own for a sh -c string, which may sit in a loop", () => {
    expect(migrate(`${FROM}RUN for d in a b; do sh -c 'chgrp staff /tmp'; done\n`).output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S staff\nRUN for d in a b; do sh -c 'chgrp staff /tmp'; done\n",
    );
  });

  it("makes the group a chgrp run by find -exec gives, as busybox find exits 0 when it fails", () => {
    expect(migrate(`${FROM}RUN find /srv -exec chgrp staff {} \\;\n`).output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S staff && find /srv -exec chgrp staff {} \\;\n",
    );
    expect(migrate(`${FROM}RUN find /srv -exec chown root:plugdev {} +\n`).output).toBe(
      "FROM alpine:3.23\nRUN addgroup -S plugdev && find /srv -exec chown root:plugdev {} +\n",
    );
  });

  it("reads the group of a chown whose user is a loop variable", () => {
    expect(migrate(`${FROM}RUN for u in a b; do chown "$u":staff "/home/$u"; done\n`).output).toBe(
      'FROM alpine:3.23\nRUN addgroup -S staff\nRUN for u in a b; do chown "$u":staff "/home/$u"; done\n',
    );
    expect(migrate(`${FROM}RUN chown -R "\${APP_USER}:plugdev" /srv\n`).output).toBe(
      'FROM alpine:3.23\nRUN addgroup -S plugdev && chown -R "${APP_USER}:plugdev" /srv\n',
    );
    for (const owner of ['"$u:$GROUP"', "$u:${G:-staff}", '"$u"']) {
      expect(migrate(`${FROM}RUN chown ${owner} /x\n`).output).not.toContain("addgroup");
    }
  });

  it("leaves groups that exist or are made, numbers, variables, Debian users and Alpine stages", () => {
    const made = (run: string) =>
      migrate(`${FROM}RUN ${run}\n`).output.match(/addgroup -S \S+/g) ?? [];
    for (const run of [
      "chown -R app:users /srv && chgrp www-data /var/www",
      "chown 1000:1000 /d && chown root:$GROUP /e && chgrp nosuch /f && chown app.nosuch /g",
      "chown -R --reference=/a staff /b",
      "groupadd staff && chown root:staff /s",
    ]) {
      expect(made(run), run).toEqual([]);
    }
    // The users rule made it for the membership: once.
    expect(made("useradd -G staff bob && chown bob:staff /b")).toEqual(["addgroup -S staff"]);
    expect(migrate(`${FROM}RUN chown -R app:users /srv\n`).warnings).toEqual([]);
    // proxy:proxy: the user is Debian's only too; the users rule says so, no group is made.
    const proxy = migrate(`${FROM}RUN chown proxy:proxy /p\n`);
    expect(proxy.output).toBe("FROM alpine:3.23\nRUN chown proxy:proxy /p\n");
    expect(proxy.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^user proxy exists in Debian's base image/),
    ]);
    expect(migrate("FROM alpine:3.20\nRUN chown root:staff /s\n").changed).toBe(false);
  });
});
