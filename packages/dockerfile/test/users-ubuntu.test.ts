import { describe, expect, it } from "vitest";
import { ubuntuImageHasUser } from "../src/rules/users-ubuntu.js";
import { migrate } from "./helpers.js";

const ADD =
  "RUN addgroup -g 1000 ubuntu && adduser -D -u 1000 -G ubuntu -g Ubuntu -s /bin/sh ubuntu";

describe("Ubuntu's user ubuntu (23.04 on) on Alpine", () => {
  it("adds the user and group after the FROM when a stage renames it (usermod -l app ubuntu)", () => {
    const r = migrate(
      "FROM ubuntu:24.04\nRUN usermod -l app ubuntu && groupmod -n app ubuntu && usermod -d /home/app -m app\nUSER app\n",
    );
    expect(r.output).toBe(
      `FROM alpine:3.23\n${ADD}\nRUN apk add --no-cache shadow\nRUN usermod -l app ubuntu && groupmod -n app ubuntu && usermod -d /home/app -m app\nUSER app\n`,
    );
    const note = r.warnings.find((w) => /user ubuntu/.test(w.message));
    expect(note?.message).toMatch(/UID 1000, group ubuntu GID 1000.*added them after the FROM/);
  });

  it.each([
    ["USER ubuntu", "USER ubuntu\nWORKDIR /home/ubuntu"],
    ["COPY --chown", "COPY --chown=ubuntu:ubuntu app /srv/app"],
    ["the group alone", "RUN chown root:ubuntu /srv"],
    ["gosu", 'CMD ["gosu", "ubuntu", "app"]'],
    ["su", "RUN su ubuntu -c 'id'"],
    ["its home", "USER 1000\nCOPY app /home/ubuntu/app"],
  ])("adds it for %s", (_, body) => {
    const r = migrate(`FROM ubuntu:noble\n${body}\n`);
    expect(r.output).toBe(`FROM alpine:3.23\n${ADD}\n${body}\n`);
  });

  it("gives it bash as its shell where the stage installs bash", () => {
    const r = migrate("FROM ubuntu:24.04\nRUN apt-get install -y bash\nUSER ubuntu\n");
    expect(r.output).toContain("-g Ubuntu -s /bin/bash ubuntu\n");
  });

  it("adds it once per stage chain, as root after a USER of the parent stage", () => {
    const r = migrate(
      "FROM ubuntu:24.04 AS base\nUSER nobody\nFROM base\nUSER ubuntu\nFROM base AS other\nRUN echo\n",
    );
    expect(r.output).toBe(
      `FROM alpine:3.23 AS base\nUSER nobody\nFROM base\nUSER root\n${ADD}\nUSER nobody\nUSER ubuntu\nFROM base AS other\nRUN echo\n`,
    );
    const chained = migrate("FROM ubuntu:24.04 AS base\nUSER ubuntu\nFROM base\nUSER ubuntu\n");
    expect(chained.output.split(ADD).length - 1).toBe(1);
  });

  it.each([2, 3])(
    "adds it once in each of %i stages built FROM the same base, none in the base",
    (n) => {
      const children = Array.from({ length: n }, (_, i) => `FROM base AS c${i}\nUSER ubuntu\n`);
      const r = migrate(`FROM ubuntu:24.04 AS base\nRUN true\n${children.join("")}`);
      // Each child is a chain of its own (base → cI): one add in each, after its FROM; the base
      // gets none, or a second child would hit busybox's "group 'ubuntu' in use".
      const added = children.map((_, i) => `FROM base AS c${i}\n${ADD}\nUSER ubuntu\n`);
      expect(r.output).toBe(`FROM alpine:3.23 AS base\nRUN true\n${added.join("")}`);
    },
  );

  it("adds it once along a chain a → b → c that names it in every stage", () => {
    const r = migrate(
      "FROM ubuntu:24.04 AS base\nRUN true\nFROM base AS a\nUSER ubuntu\nFROM a AS b\nUSER ubuntu\nFROM b AS c\nUSER ubuntu\n",
    );
    expect(r.output).toBe(
      `FROM alpine:3.23 AS base\nRUN true\nFROM base AS a\n${ADD}\nUSER ubuntu\nFROM a AS b\nUSER ubuntu\nFROM b AS c\nUSER ubuntu\n`,
    );
  });

  it("adds nothing when a step deletes or makes it first, or the release has none", () => {
    for (const text of [
      "FROM ubuntu:24.04\nRUN userdel -r ubuntu && useradd -u 1000 -m ubuntu\nUSER ubuntu\n",
      "FROM ubuntu:22.04\nUSER ubuntu\n",
      "FROM ubuntu:jammy-20240111\nRUN chown ubuntu /srv\n",
      "FROM debian:12\nRUN useradd -m ubuntu\nUSER ubuntu\n",
    ])
      expect(migrate(text).output).not.toContain("-g Ubuntu");
    // The same uses with nothing before them on 24.04 get it.
    expect(migrate("FROM ubuntu:24.04\nRUN chown ubuntu /srv\n").output).toContain(ADD);
  });

  it("keeps a userdel ubuntu that runs after a use, which now deletes the added user", () => {
    const r = migrate(
      "FROM ubuntu:24.04\nRUN chown -R ubuntu /opt && userdel -r ubuntu && useradd -u 1000 -m app\nUSER app\n",
    );
    expect(r.output).toBe(
      `FROM alpine:3.23\n${ADD}\nRUN chown -R ubuntu /opt && deluser --remove-home ubuntu && adduser -D -u 1000 app\nUSER app\n`,
    );
  });

  it("adds nothing, with a warning, when a step after the use takes ID 1000 without deleting it", () => {
    const r = migrate("FROM ubuntu:24.04\nRUN chown ubuntu /srv && groupadd -g 1000 devs\n");
    expect(r.output).not.toContain("-g Ubuntu");
    expect(r.warnings.map((w) => w.message).join("\n")).toMatch(
      /was not added: line 2 \(groupadd -g 1000 devs\) makes ID 1000 too/,
    );
  });

  it("drops the lookup that guarded a dropped userdel ubuntu, which would fail the RUN", () => {
    expect(
      migrate("FROM ubuntu:24.04\nRUN getent passwd ubuntu && userdel -r ubuntu\n").output,
    ).toBe("FROM alpine:3.23\n");
    expect(
      migrate("FROM ubuntu:24.04\nRUN touch /a && id -u ubuntu >/dev/null && userdel ubuntu\n")
        .output,
    ).toBe("FROM alpine:3.23\nRUN touch /a\n");
  });

  it("drops a userdel of UID 1000's owner, which is ubuntu there", () => {
    const r = migrate(
      "FROM ubuntu:24.04\nRUN getent passwd 1000 && userdel -r $(getent passwd 1000 | cut -d: -f1); useradd -m -u 1000 dev\n",
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN adduser -D -u 1000 dev\n");
  });

  it("reads which Ubuntu tags have the user", () => {
    const has = (ref: string) => ubuntuImageHasUser(ref);
    expect(
      ["ubuntu", "ubuntu:latest", "ubuntu:23.04", "ubuntu:24.04", "ubuntu:noble-20240801"].map(has),
    ).toEqual([true, true, true, true, true]);
    expect(["ubuntu:22.04", "ubuntu:22.10", "ubuntu:jammy", "ubuntu:focal"].map(has)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
