import { migrateDockerfile } from "@alpinize/dockerfile";
import { createPackageMap } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const DIGEST = `sha256:${"a".repeat(64)}`;
const ALPINE = `FROM alpine:3.24@${DIGEST}`;

/** `line severity user` of each unknown-user finding of the file made of `lines`. */
function users(lines: string[]): string[] {
  const text = [...lines, ""].join("\n");
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "unknown-user")
    .map((f) => `${f.line} ${f.severity} ${/names user (\S+),/.exec(f.message)?.[1]}`);
}

function message(lines: string[], rule = "unknown-user"): string | undefined {
  const text = [...lines, ""].join("\n");
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).find(
    (f) => f.rule === rule,
  )?.message;
}

describe("unknown-user: a user no step makes and the image does not have", () => {
  it("reports USER, COPY --chown and RUN steps naming it on plain alpine", () => {
    expect(
      users([
        ALPINE,
        "COPY --chown=app:app . /srv",
        "RUN chown -R app /srv && su app -c true",
        "USER app",
      ]),
    ).toEqual(["2 error app", "3 error app", "3 error app", "4 error app"]);
    expect(message([ALPINE, "USER app"])).toMatch(
      /^USER in Alpine stage 0 names user app, which is not there, so the container fails to start \("unable to find user app: no matching entries in passwd file"\): .*make it first \(adduser -D app/,
    );
  });

  it("takes numbers, Alpine's base users and the image's own as there", () => {
    expect(
      users([ALPINE, "USER 1000", "USER 1000:1000", "USER nobody", "RUN chown guest:users /srv"]),
    ).toEqual([]);
    expect(users([`FROM node:22-alpine@${DIGEST}`, "USER node", "RUN chown node /srv"])).toEqual(
      [],
    );
    expect(users([`FROM node:22-alpine@${DIGEST}`, "USER app"])).toEqual(["2 error app"]);
    expect(users([`FROM python:3.13-alpine@${DIGEST}`, "USER app"])).toEqual(["2 error app"]);
  });

  it("takes users earlier steps make, under a condition too, and in the stage built on", () => {
    expect(
      users([
        `${ALPINE} AS base`,
        "RUN apk add --no-cache shadow && useradd -m app",
        "RUN id web || adduser -D web",
        "RUN adduser -D old && usermod -l new old",
        "FROM base",
        "USER app",
        "RUN chown web /srv && su new -c true",
      ]),
    ).toEqual([]);
    // Made after the step that needs it: not there yet.
    expect(users([ALPINE, "USER app", "RUN adduser -D app"])).toEqual(["2 error app"]);
  });

  it("says nothing where /etc/passwd cannot be known", () => {
    // Each first line keeps check from knowing; without it the USER after it is reported.
    for (const [unknown, ...rest] of [
      [`FROM example.com/team/base:1@${DIGEST}`, "USER app"],
      ["COPY passwd /etc/passwd", "USER app"],
      ["COPY rootfs/ /", "USER app"],
      ["RUN echo 'app:x:1000:1000::/home/app:/bin/sh' >> /etc/passwd", "USER app"],
      ["RUN /tmp/setup.sh", "USER app"],
      ["RUN curl -fsSL https://example.com/install | sh", "USER app"],
      ["RUN ./configure && make install", "FROM base", "USER app"],
    ] as const) {
      const from = unknown.startsWith("FROM") ? [] : [`${ALPINE} AS base`];
      expect(users([...from, unknown, ...rest])).toEqual([]);
      if (from.length > 0) expect(users([...from, ...rest])).not.toEqual([]);
    }
  });

  it("takes a user an installed package may make, and names a Debian package's account Alpine's names otherwise", () => {
    expect(
      users([
        ALPINE,
        "RUN apk add --no-cache postgresql16 nginx",
        "RUN chown postgres /var/lib/postgresql && chown nginx /var/lib/nginx",
      ]),
    ).toEqual([]);
    const lines = [ALPINE, "RUN apk add --no-cache bind", "RUN chown bind /var/bind"];
    expect(users(lines)).toEqual(["3 error bind"]);
    expect(message(lines)).toContain("Alpine's bind package creates named:named instead");
  });

  it("makes a guarded or conditional step a warning, and a deletion a reason", () => {
    expect(
      users([
        ALPINE,
        "RUN chown app /srv || true",
        "RUN if [ -d /srv ]; then chown app /srv; fi",
        "RUN deluser guest",
        "USER guest",
      ]),
    ).toEqual(["2 warning app", "3 warning app", "5 error guest"]);
    expect(message([ALPINE, "RUN deluser app"])).toContain(
      'so deluser fails with "deluser: unknown user app"',
    );
  });

  it("reports a usermod -l or groupmod -n whose old name is not there (shadow's failure)", () => {
    const lines = [
      ALPINE,
      "RUN apk add --no-cache shadow",
      "RUN usermod -l app ubuntu && groupmod -n app ubuntu",
      "USER app",
    ];
    expect(users(lines)).toEqual(["3 error ubuntu"]);
    expect(message(lines)).toMatch(
      /so usermod fails with "usermod: user 'ubuntu' does not exist": an image built on Ubuntu 23\.04 or later \(ubuntu:24\.04, eclipse-temurin:\*-noble…\) has the user ubuntu/,
    );
    expect(message(lines, "unknown-group")).toContain(
      `so groupmod fails with "group 'ubuntu' does not exist"`,
    );
  });

  it("finds nothing in what migrate makes of Ubuntu's user ubuntu, and the user where it is left", () => {
    const debian =
      "FROM ubuntu:24.04\nRUN usermod -l app ubuntu && groupmod -n app ubuntu\nUSER app\nFROM ubuntu:24.04\nUSER ubuntu\n";
    const out = migrateDockerfile(debian, {
      packageMap: createPackageMap({ release: "3.24" }),
      release: "3.24",
    }).output;
    const findings = checkStages("Dockerfile", describeStages(out, "Dockerfile"), settings);
    expect(findings.filter((f) => /^unknown-/.test(f.rule))).toEqual([]);
    // The same file with the added accounts taken out again fails as check says.
    const without = out.replace(/^RUN addgroup -g 1000 ubuntu.*\n/gm, "");
    const left = checkStages("Dockerfile", describeStages(without, "Dockerfile"), settings);
    expect(left.filter((f) => f.rule === "unknown-user").map((f) => f.line)).toEqual([3, 6]);
  });

  it("agrees with migrate on images built on Ubuntu 24.04 (eclipse-temurin:*-noble)", () => {
    const debian =
      "FROM eclipse-temurin:21-jre-noble AS jre\nRUN chown -R ubuntu /srv\nFROM jre\nUSER ubuntu\n";
    const out = migrateDockerfile(debian, {
      packageMap: createPackageMap({ release: "3.24" }),
      release: "3.24",
    }).output;
    expect(out).toMatch(/^FROM eclipse-temurin:21-jre-alpine AS jre\nRUN addgroup -g 1000 ubuntu /);
    const findings = checkStages("Dockerfile", describeStages(out, "Dockerfile"), settings);
    expect(findings.filter((f) => /^unknown-/.test(f.rule))).toEqual([]);
    // Written for Alpine without the account, the same uses fail, as check says.
    const without = out.replace(/^RUN addgroup -g 1000 ubuntu.*\n/gm, "");
    expect(users(without.trimEnd().split("\n"))).toEqual(["2 error ubuntu", "4 error ubuntu"]);
    expect(users(["FROM eclipse-temurin:21-jre-alpine", "USER ubuntu"])).toEqual([
      "2 error ubuntu",
    ]);
  });
});
