import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";

const FROM = "FROM debian:bookworm-slim\n";

// Every Debian image has shadow's tools (package passwd); busybox has passwd and chpasswd with a
// few options (usage: passwd [-a ALG] [-dlu] [USER]; chpasswd [-me] [-c ALG] [-R DIR]) and none of
// the others.
describe("rule users: shadow's tools busybox lacks", () => {
  it("adds shadow where a RUN calls chage, with the package record", () => {
    const r = migrate(`${FROM}RUN chage -M 99999 root\n`);
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache shadow\nRUN chage -M 99999 root\n",
    );
    expect(r.warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      "2:5 chage is shadow's tool (password ageing has no busybox tool), which Debian's base image has (package passwd) and busybox does not: added shadow",
    ]);
    expect(r.packages.find((p) => p.alpine[0] === "shadow")).toMatchObject({
      debian: "passwd",
      layer: "migrate-rule",
      line: 2,
    });
  });

  it("puts it in the stage's apk add before the call, once for all the calls", () => {
    const r = migrate(
      `${FROM}RUN apt-get update && apt-get install -y curl && chfn -f Admin root && chsh -s /bin/bash root\nRUN groupmod -g 1001 users\n`,
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache curl shadow && chfn -f Admin root && chsh -s /bin/bash root\nRUN groupmod -g 1001 users\n",
    );
    expect(r.warnings.filter((w) => /added shadow/.test(w.message))).toHaveLength(1);
  });

  it("leaves passwd and chpasswd calls busybox takes, adds shadow for shadow's own options", () => {
    for (const run of [
      "echo app:pw | chpasswd",
      "echo 'app:$6$x' | chpasswd -e",
      "chpasswd -c sha512 < /x && chpasswd --crypt-method=sha512 < /y",
      "passwd -l root && passwd -d app && passwd -u app",
    ]) {
      const r = migrate(`${FROM}RUN ${run}\n`);
      expect(r.output, run).toBe(`FROM alpine:3.23\nRUN ${run}\n`);
      expect(r.warnings, run).toEqual([]);
    }
    for (const [run, said] of [
      ["passwd -e app", "passwd -e"],
      ["passwd app -x 90", "passwd -x"],
      ["passwd --lock root", "passwd --lock"],
      ["passwd -dS root", "passwd -S"],
      ["chpasswd -s 5000 < /x", "chpasswd -s"],
    ] as const) {
      const r = migrate(`${FROM}RUN ${run}\n`);
      expect(r.output, run).toBe(`FROM alpine:3.23\nRUN apk add --no-cache shadow\nRUN ${run}\n`);
      expect(r.warnings[0]?.message, run).toMatch(
        new RegExp(`^${said} is an option of shadow's \\w+ only, which Debian's base image has`),
      );
    }
  });

  it("adds nothing where shadow is installed, or on a stage that was Alpine already", () => {
    expect(
      migrate(`${FROM}RUN apt-get update && apt-get install -y passwd && chage -d 0 root\n`).output,
    ).toBe("FROM alpine:3.23\nRUN apk add --no-cache shadow && chage -d 0 root\n");
    expect(migrate("FROM alpine:3.20\nRUN chage -M 99999 root\n").changed).toBe(false);
  });

  it("adds shadow for usermod forms busybox cannot do, with the package record", () => {
    const r = migrate(`${FROM}RUN useradd -m app\nRUN usermod -u 1500 app\n`);
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache shadow\nRUN adduser -D app\nRUN usermod -u 1500 app\n",
    );
    expect(r.warnings.map((w) => `${w.line}:${w.column} ${w.message}`)).toEqual([
      "3:5 usermod -u is shadow's tool (busybox has no way to do it), which Debian's base image has (package passwd) and busybox does not: added shadow",
    ]);
    expect(r.packages.find((p) => p.alpine[0] === "shadow")).toMatchObject({ debian: "passwd" });
    for (const run of [
      "usermod -s /bin/bash app",
      "usermod -aG sudo -s /bin/sh app",
      "usermod -L app",
    ])
      expect(migrate(`${FROM}RUN ${run}\n`).output).toContain("apk add --no-cache shadow");
  });

  it("turns userdel and groupdel into busybox deluser and delgroup, without shadow", () => {
    const r = migrate(`${FROM}RUN userdel -r app && groupdel web && userdel --force old\n`);
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN deluser --remove-home app && delgroup web && deluser old\n",
    );
    expect(migrate(r.output).output).toBe(r.output);
    for (const run of ["userdel -Z app", "groupdel -f web"])
      expect(migrate(`${FROM}RUN ${run}\n`).output).toBe(
        `FROM alpine:3.23\nRUN apk add --no-cache shadow\nRUN ${run}\n`,
      );
  });
});
