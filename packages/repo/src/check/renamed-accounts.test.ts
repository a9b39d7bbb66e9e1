import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const DIGEST = `sha256:${"a".repeat(64)}`;
const ALPINE = `FROM alpine:3.23@${DIGEST}`;
const SHADOW = "RUN apk add --no-cache shadow";

/** `line rule` of each account finding (the rules a rename changes). */
function findings(lines: string[]): string[] {
  const text = [...lines, ""].join("\n");
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => /^(?:unknown-user|unknown-group|alpine-id-taken)$/.test(f.rule))
    .map((f) => `${f.line} ${f.rule}`);
}

function messages(lines: string[]): string[] {
  const text = [...lines, ""].join("\n");
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).map(
    (f) => f.message,
  );
}

describe("check follows usermod -l NEW OLD", () => {
  it("takes the new name as the user, and reports the old one wherever it is still named", () => {
    const lines = [
      `${ALPINE} AS base`,
      SHADOW,
      "RUN adduser -D -u 1000 app && usermod -l web app && chown web /srv && chown app /srv",
      "USER web",
      "COPY --chown=app:app x /x",
      "FROM base",
      "RUN addgroup web wheel && su-exec app true",
      "USER app",
    ];
    expect(findings(lines)).toEqual([
      "3 unknown-user",
      "5 unknown-user",
      "7 unknown-user",
      "8 unknown-user",
    ]);
    expect(messages(lines)[0]).toBe(
      "chown in Alpine stage base names user app, which is not there any more (usermod -l on line 3 renamed it to web), so the build fails here: write web",
    );
  });

  it("frees the old name and keeps the UID under the new one", () => {
    const lines = [
      ALPINE,
      SHADOW,
      "RUN adduser -D -H -u 1000 app && usermod -l web app",
      "RUN adduser -D -H -G app app",
      "RUN adduser -D -H -G app -u 1000 bob",
    ];
    expect(findings(lines)).toEqual(["5 alpine-id-taken"]);
    expect(messages(lines).find((m) => m.includes("UID 1000"))).toContain(
      "UID 1000 already belongs to user web (usermod -l on line 3 renamed app to it)",
    );
  });

  it("reports a rename to a name that is there, in shadow's words", () => {
    const lines = [ALPINE, SHADOW, "RUN adduser -D app && usermod -l nobody app"];
    expect(messages(lines).find((m) => m.startsWith("usermod -l nobody app"))).toContain(
      `so usermod fails with "user 'nobody' already exists"`,
    );
  });

  it("says nothing once the old name is made again, or of a rename under a condition", () => {
    const again = [
      ALPINE,
      SHADOW,
      "RUN adduser -D app && usermod -l web app && adduser -D -G app app && chown app /x",
    ];
    expect(findings(again)).toEqual([]);
    const maybe = [
      ALPINE,
      SHADOW,
      "RUN adduser -D app",
      'RUN if [ -n "$W" ]; then usermod -l web app; fi',
      "USER app",
    ];
    expect(findings(maybe)).toEqual([]);
  });
});

describe("check follows chained renames", () => {
  it("names the account's name now", () => {
    const lines = [
      ALPINE,
      SHADOW,
      "RUN adduser -D app && usermod -l web app && usermod -l www web",
      "USER app",
    ];
    expect(messages(lines).find((m) => m.startsWith("USER"))).toBe(
      "USER in Alpine stage 0 names user app, which is not there any more (usermod -l on line 3 renamed it to web), so the container fails to start: write www",
    );
  });
});

describe("check follows groupmod -n NEW OLD", () => {
  it("reports the old group name as unknown-group once, with the new name", () => {
    const lines = [
      ALPINE,
      SHADOW,
      "RUN addgroup -g 1000 app && groupmod -n grp app",
      "RUN chgrp grp /x && chgrp app /x",
      "USER root:app",
    ];
    expect(findings(lines)).toEqual(["4 unknown-group", "5 unknown-group"]);
    expect(messages(lines)[0]).toContain("(groupmod -n on line 3 renamed it to grp)");
  });

  it("frees the old name and its users keep the group as primary under the new one", () => {
    const lines = [
      ALPINE,
      SHADOW,
      "RUN addgroup -g 1000 app && adduser -D -G app bob && groupmod -n grp app",
      "RUN addgroup -g 1001 app && delgroup grp",
    ];
    expect(findings(lines)).toEqual(["4 alpine-id-taken"]);
    expect(messages(lines).join("\n")).toContain("grp is the primary group of user bob");
  });
});
