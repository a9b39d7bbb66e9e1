import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function groupFindings(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "unknown-group")
    .map((f) => `${f.line}:${f.severity}:${/names group (\S+),/.exec(f.message)?.[1]}`);
}

describe("unknown-group", () => {
  it("reports a Debian package's account that Alpine's package names otherwise (bind → named)", () => {
    const text = [
      `FROM alpine:3.24@${DIGEST}`,
      "RUN apk add --no-cache bind memcached",
      "RUN chown -R bind:bind /var/bind && chgrp memcache /run/memcached",
      "RUN chown named:named /var/bind",
      "USER bind:bind",
      "",
    ].join("\n");
    expect(groupFindings(text)).toEqual(["3:error:bind", "3:error:memcache", "5:error:bind"]);
    const message = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).find(
      (f) => f.rule === "unknown-group",
    )?.message;
    expect(message).toContain(
      "Alpine's bind package creates named:named instead (no bind): write named",
    );
  });

  it("takes Debian's base groups that Alpine lacks from @alpinize/dockerfile's table", () => {
    // On an image that is not plain alpine only the groups Debian has and Alpine lacks are sure.
    const text = [
      `FROM node:22-alpine@${DIGEST}`,
      "RUN addgroup node gnats && addgroup node plugdev",
      "RUN addgroup node adm && addgroup node users && addgroup node mygroup",
      "",
    ].join("\n");
    expect(groupFindings(text)).toEqual(["2:error:gnats", "2:error:plugdev"]);
  });

  it("reports sudo (Debian's admin group) with the wheel fix, for addgroup and adduser -G", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN apk add --no-cache sudo",
      "RUN adduser -D app && addgroup app sudo",
      "RUN adduser -D -G sudo bob",
      "RUN adduser --ingroup=staff -D carl",
      "",
    ].join("\n");
    expect(groupFindings(text)).toEqual(["3:error:sudo", "4:error:sudo", "5:error:staff"]);
    const message = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).find(
      (f) => f.rule === "unknown-group",
    )?.message;
    expect(message).toBe(
      `addgroup in Alpine stage 0 names group sudo, which is not there, so busybox fails with "unknown group sudo": Alpine has no sudo group (Debian's admin group; Alpine's is wheel): use wheel (addgroup USER wheel) and allow it in a sudoers.d line (echo '%wheel ALL=(ALL) ALL' > /etc/sudoers.d/wheel), or make the group first (addgroup sudo) and allow %sudo there`,
    );
  });

  it("knows Alpine's base groups, groups made earlier in the stage chain, and package groups", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST} AS base`,
      "RUN addgroup -S -g 1001 app && adduser -D dev",
      "RUN apk add --no-cache docker-cli mariadb",
      "FROM base",
      "RUN addgroup dev wheel && addgroup dev app && adduser -D -G dev eve",
      "RUN addgroup eve docker && addgroup eve mysql && addgroup eve www-data",
      "RUN addgroup eve builders",
      "RUN adduser -S svc && addgroup eve svc",
      "",
    ].join("\n");
    expect(groupFindings(text)).toEqual(["7:error:builders", "8:error:svc"]);
  });

  it("takes the new name of a shadow groupmod -n rename as an existing group", () => {
    const head = `FROM alpine:3.24@${DIGEST}\nRUN apk add --no-cache shadow && addgroup app`;
    for (const rename of [
      "groupmod -n appgrp app",
      "groupmod --new-name appgrp app",
      "groupmod --new-name=appgrp app",
    ])
      expect(groupFindings(`${head} && ${rename} && chgrp appgrp /srv\n`), rename).toEqual([]);
    expect(groupFindings(`${head} && chgrp appgrp /srv\n`)).toEqual(["2:error:appgrp"]);
  });

  it("reports a group made only later as missing where it is used", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN adduser -D -G app app && addgroup -g 1000 app",
      "",
    ].join("\n");
    expect(groupFindings(text)).toEqual(["2:error:app"]);
  });

  it("on other Alpine images, reports only the groups Debian's base has and Alpine's lacks", () => {
    const text = [
      `FROM node:22-alpine@${DIGEST}`,
      "RUN addgroup node builders && addgroup node sudo",
      "",
    ].join("\n");
    expect(groupFindings(text)).toEqual(["2:error:sudo"]);
  });

  it("says nothing once /etc/group is written or copied in, in echoed text, or on Debian", () => {
    const written = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN echo 'sudo:x:27:' >> /etc/group && addgroup app sudo",
      "",
    ].join("\n");
    expect(groupFindings(written)).toEqual([]);
    const copied = [
      `FROM alpine:3.23@${DIGEST}`,
      "COPY --from=users /etc/group /etc/group",
      "RUN addgroup app sudo",
      "",
    ].join("\n");
    expect(groupFindings(copied)).toEqual([]);
    const echoed = `FROM alpine:3.23@${DIGEST}\nRUN echo 'addgroup app sudo' > /notes # adduser -G sudo x\n`;
    expect(groupFindings(echoed)).toEqual([]);
    expect(groupFindings("FROM debian:12\nRUN adduser app && addgroup app sudo\n")).toEqual([]);
  });
});

describe("unknown-group reads each tool's own options", () => {
  it("takes groupadd -f NAME (force, no value) and useradd -r NAME as making the group", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN apk add --no-cache shadow",
      "RUN groupadd -f sudo && groupadd -r -g 1500 ops && useradd -r -s /sbin/nologin svc",
      "RUN addgroup svc sudo && addgroup svc ops && addgroup svc svc",
      "",
    ].join("\n");
    expect(groupFindings(text)).toEqual([]);
  });
});

describe("unknown-group and redirections on the addgroup", () => {
  it.each([["2>/dev/null || true"], ["2>&1"], [">/dev/null 2>&1"], ["&>/dev/null"], ["|| true"]])(
    "takes addgroup -S app %s as making the group",
    (tail) => {
      const text = `FROM alpine:3.23@${DIGEST}\nRUN addgroup -S app ${tail}\nRUN adduser -S -G app app\n`;
      expect(groupFindings(text)).toEqual([]);
    },
  );
});
