import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const DIGEST = `sha256:${"a".repeat(64)}`;
const ALPINE = `FROM alpine:3.23@${DIGEST}\n`;

/** `line severity "busybox's message"` of each alpine-id-taken finding. */
function taken(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "alpine-id-taken")
    .map((f) => `${f.line} ${f.severity} ${/fails with "([^"]*)"/.exec(f.message)?.[1]}`);
}

function messages(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "alpine-id-taken")
    .map((f) => f.message);
}

describe("alpine-id-taken: names Alpine's base image already has", () => {
  it("reports addgroup of a base group and adduser of a base user, as busybox words it", () => {
    expect(taken(`${ALPINE}RUN addgroup -S www-data && adduser -S -G www-data www-data\n`)).toEqual(
      ["2 error group 'www-data' in use"],
    );
    expect(taken(`${ALPINE}RUN addgroup -g 33 www-data\n`)).toEqual([
      "2 error group 'www-data' in use",
    ]);
    expect(taken(`${ALPINE}RUN addgroup -S users\n`)).toEqual(["2 error group 'users' in use"]);
    expect(taken(`${ALPINE}RUN adduser -D nobody\n`)).toEqual(["2 error user 'nobody' in use"]);
    // Without -G (and -S) busybox also makes a group named like the user.
    expect(taken(`${ALPINE}RUN adduser -D www-data\n`)).toEqual([
      "2 error group 'www-data' in use",
    ]);
  });

  it("for a UID whose own group's GID is a base group's, says -G that group, not an addgroup that fails too", () => {
    // busybox: adduser -D -u 82 www-data fails with "uid '82' in use" (GID 82 is www-data's
    // group); an addgroup -g 82 of any name fails as well, so -G is the way out.
    const [own] = messages(`${ALPINE}RUN adduser -D -u 82 www-data\n`);
    expect(own).toContain("pass -G www-data: that group is already there with this GID");
    expect(own).not.toContain("addgroup -g");
    const [other] = messages(`${ALPINE}RUN adduser -D -u 82 app\n`);
    expect(other).toContain("put the user in that group (-G www-data), or pick another UID");
    expect(other).not.toContain("addgroup -g");
  });

  it("says to use the group, or how to free it when its GID must change", () => {
    const [www] = messages(`${ALPINE}RUN addgroup -S www-data\n`);
    expect(www).toContain("drop this addgroup; adduser -G www-data");
    expect(www).toContain("first delgroup www-data");
    // users is guest's primary group: delgroup alone would be refused.
    const [users] = messages(`${ALPINE}RUN addgroup users\n`);
    expect(users).toContain("first deluser guest && delgroup users");
  });

  it("lets through what busybox takes: an existing group by name, members, other names", () => {
    for (const run of [
      "adduser -S -G www-data www-data",
      "adduser -D -G www-data -u 1000 app",
      "addgroup nobody www-data",
      "adduser nobody www-data",
      "adduser -S www-data",
      "addgroup -S app && adduser -S -D -H -G app app",
    ])
      expect(taken(`${ALPINE}RUN ${run}\n`)).toEqual([]);
  });

  it("lets a guarded or conditional create-if-missing through", () => {
    for (const run of [
      "addgroup -S www-data 2>/dev/null || true",
      "addgroup -S www-data || :",
      "getent group www-data || addgroup -S www-data",
      "if ! getent passwd nobody; then adduser -D nobody; fi",
      "set -eux; id -u nobody >/dev/null 2>&1 || adduser -D nobody",
    ])
      expect(taken(`${ALPINE}RUN ${run}\n`)).toEqual([]);
  });

  it("takes a name an earlier delgroup/deluser freed, also in a stage built on it", () => {
    expect(taken(`${ALPINE}RUN delgroup www-data && addgroup -g 33 www-data\n`)).toEqual([]);
    // busybox deluser also drops the group of the user's name.
    expect(taken(`${ALPINE}RUN deluser nobody && adduser -D -u 65534 nobody\n`)).toEqual([]);
    expect(
      taken(`FROM alpine:3.23 AS a\nRUN delgroup www-data\nFROM a\nRUN addgroup www-data\n`),
    ).toEqual([]);
  });

  it("judges nothing after /etc/group or /etc/passwd is written or copied in", () => {
    expect(
      taken(`${ALPINE}RUN sed -i '/^www-data:/d' /etc/group\nRUN addgroup www-data\n`),
    ).toEqual([]);
    expect(taken(`${ALPINE}COPY passwd group /etc/\nRUN adduser -D nobody\n`)).toEqual([]);
  });
});

describe("alpine-id-taken: IDs and names the stage's own steps took", () => {
  it("reports adduser -u N without -G after a group with GID N, and addgroup -g N after adduser -u N", () => {
    expect(taken(`${ALPINE}RUN addgroup -g 1000 app && adduser -D -u 1000 app\n`)).toEqual([
      "2 error uid '1000' in use",
    ]);
    expect(messages(`${ALPINE}RUN addgroup -g 1000 app && adduser -D -u 1000 app\n`)[0]).toContain(
      "put the user in that group (-G app)",
    );
    expect(taken(`${ALPINE}RUN adduser -D -u 1000 a && addgroup -g 1000 b\n`)).toEqual([
      "2 error gid '1000' in use",
    ]);
    expect(taken(`${ALPINE}RUN adduser -D -u 1000 a\nRUN adduser -D -u 1000 b\n`)).toEqual([
      "3 error uid '1000' in use",
    ]);
    expect(taken(`${ALPINE}RUN adduser -D app\nRUN addgroup app\n`)).toEqual([
      "3 error group 'app' in use",
    ]);
  });

  it("follows the stages a stage is built on, and not sibling stages", () => {
    const made = "FROM alpine:3.23 AS a\nRUN addgroup -g 1000 app\n";
    expect(taken(`${made}FROM a\nRUN addgroup -g 1000 b\n`)).toEqual(["4 error gid '1000' in use"]);
    expect(taken(`${made}FROM alpine:3.23\nRUN addgroup -g 1000 b\n`)).toEqual([]);
  });

  it("passes the working forms: -G the group, IDs freed by deluser, branches that exclude each other", () => {
    for (const run of [
      "addgroup -g 1000 app && adduser -D -u 1000 -G app app",
      "adduser -D -u 1000 a && deluser a && addgroup -g 1000 b",
      "adduser -D -u 1000 -G users a && addgroup -g 1000 b",
      'if [ "$X" = 1 ]; then adduser -D -u 1000 a; else adduser -D -u 1000 b; fi',
    ])
      expect(taken(`${ALPINE}RUN ${run}\n`)).toEqual([]);
  });

  it("reports a group an installed package's install script made (nginx), not one made before it", () => {
    expect(taken(`${ALPINE}RUN apk add --no-cache nginx && addgroup -S nginx\n`)).toEqual([
      "2 error group 'nginx' in use",
    ]);
    expect(taken(`${ALPINE}RUN addgroup -S nginx && apk add --no-cache nginx\n`)).toEqual([]);
  });
});

describe("alpine-id-taken: the official images' own accounts", () => {
  it("reports node's 1000 on node:*-alpine, with advice to reuse or remove node", () => {
    const text = `FROM node:22-alpine@${DIGEST}\nRUN addgroup -g 1000 app && adduser -D -u 1000 -G app app\n`;
    expect(taken(text)).toEqual(["2 error gid '1000' in use", "2 error uid '1000' in use"]);
    const [gid, uid] = messages(text);
    expect(gid).toContain("use group node, or first deluser --remove-home node");
    expect(uid).toContain("use user node, or first deluser --remove-home node");
    expect(taken(`FROM node:22-alpine AS base\nFROM base\nRUN adduser -D -u 1000 app\n`)).toEqual([
      "3 error uid '1000' in use",
    ]);
  });

  it("passes node's own account used as it is, or removed first", () => {
    for (const run of [
      "adduser -D -G node worker",
      "deluser --remove-home node && addgroup -g 1000 app && adduser -D -u 1000 -G app app",
    ])
      expect(taken(`FROM node:22-alpine@${DIGEST}\nRUN ${run}\n`)).toEqual([]);
  });

  it("knows php's www-data user (82), also on the images built on php", () => {
    for (const image of ["php:8.3-fpm-alpine", "wordpress:fpm-alpine"])
      expect(
        taken(`FROM ${image}@${DIGEST}\nRUN adduser -u 82 -D -S -G www-data www-data\n`),
      ).toEqual(["2 error user 'www-data' in use"]);
    expect(taken(`${ALPINE}RUN adduser -u 82 -D -S -G www-data www-data\n`)).toEqual([]);
  });

  it("knows nothing of an image it has no table for: only Alpine's base", () => {
    expect(taken(`FROM ghcr.io/acme/node:alpine@${DIGEST}\nRUN adduser -D -u 1000 app\n`)).toEqual(
      [],
    );
  });
});

describe("alpine-id-taken: delgroup of a group that is a user's primary group", () => {
  it("reports delgroup users (guest's), as busybox words it", () => {
    expect(taken(`${ALPINE}RUN delgroup users && addgroup -g 100 app\n`)).toEqual([
      "2 error 'guest' still has 'users' as their primary group!",
      // The refused delgroup leaves users at GID 100.
      "2 error gid '100' in use",
    ]);
    expect(messages(`${ALPINE}RUN delgroup users\n`)[0]).toContain("deluser guest first");
    expect(taken(`${ALPINE}RUN delgroup users || true\n`)).toEqual([
      "2 warning 'guest' still has 'users' as their primary group!",
    ]);
  });

  it("passes delgroup once the user is gone, and a group no user has as primary", () => {
    expect(taken(`${ALPINE}RUN deluser guest && delgroup users && addgroup -g 100 app\n`)).toEqual(
      [],
    );
    expect(taken(`${ALPINE}RUN delgroup ping && addgroup -g 999 app\n`)).toEqual([]);
    expect(taken(`${ALPINE}RUN adduser -D -u 1000 a && delgroup a\n`)).toEqual([
      "2 error 'a' still has 'a' as their primary group!",
    ]);
  });
});
