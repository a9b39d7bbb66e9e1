import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const DIGEST = `sha256:${"a".repeat(64)}`;
const ALPINE = `FROM alpine:3.23@${DIGEST}\n`;

function findings(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "alpine-id-taken",
  );
}

/** `line severity "busybox's message"` of each alpine-id-taken finding. */
function taken(text: string): string[] {
  return findings(text).map(
    (f) => `${f.line} ${f.severity} ${/fails with "([^"]*)"/.exec(f.message)?.[1]}`,
  );
}

describe("alpine-id-taken: IDs an installed package's install script took", () => {
  it("reports -g/-u that nginx's and redis's scripts took with busybox's first free system IDs", () => {
    // users has GID 100: nginx's group gets 101, its user UID 100 (no base user has it).
    expect(
      taken(
        `${ALPINE}RUN apk add --no-cache nginx\nRUN addgroup -g 101 app && adduser -D -u 101 -G app -H app\n`,
      ),
    ).toEqual(["3 error gid '101' in use"]);
    expect(
      taken(
        `${ALPINE}RUN apk add --no-cache redis\nRUN addgroup -S -g 101 app && adduser -S -D -u 100 -G app app\n`,
      ),
    ).toEqual(["3 error gid '101' in use", "3 error uid '100' in use"]);
    const [message] = findings(`${ALPINE}RUN apk add --no-cache nginx && addgroup -g 101 app\n`);
    expect(message?.message).toContain(
      "GID 101 already belongs to group nginx (the nginx package's install script made it); busybox picked 101",
    );
    expect(message?.message).toContain("create this account before the apk add of nginx");
  });

  it("follows the order: an account made first pushes the package's ID on", () => {
    expect(taken(`${ALPINE}RUN addgroup -g 101 app\nRUN apk add --no-cache nginx\n`)).toEqual([]);
    // app has 101, so nginx's group gets 102, and a later -g 102 is what fails.
    expect(
      taken(
        `${ALPINE}RUN addgroup -g 101 app\nRUN apk add --no-cache nginx\nRUN addgroup -g 102 web\n`,
      ),
    ).toEqual(["4 error gid '102' in use"]);
    // The file's own addgroup -S takes 101 first; nginx and redis then get 102 and 103.
    expect(
      taken(
        `${ALPINE}RUN addgroup -S svc && apk add --no-cache nginx redis\nRUN addgroup -g 101 a && addgroup -g 104 b && addgroup -g 103 c\n`,
      ),
    ).toEqual(["3 error gid '101' in use", "3 error gid '103' in use"]);
  });

  it("follows the packages of the stages a stage is built on, and adduser's own group", () => {
    const base = `${ALPINE.replace("\n", " AS web\n")}RUN apk add --no-cache nginx\n`;
    expect(taken(`${base}FROM web\nRUN adduser -D -u 101 app\n`)).toEqual([
      "4 error uid '101' in use",
    ]);
    expect(taken(`${base}FROM web\nRUN adduser -D -u 102 app\n`)).toEqual([]);
  });

  it("starts from the official image's accounts: rabbitmq's 100/101 push nginx's on", () => {
    const image = `FROM rabbitmq:4.2-alpine@${DIGEST}\nRUN apk add --no-cache nginx\n`;
    const found = findings(`${image}RUN addgroup -g 102 a && adduser -D -u 101 -G a b\n`);
    expect(found.map((f) => /belongs to (\S+ \S+)/.exec(f.message)?.[1])).toEqual([
      "group nginx",
      "user nginx",
    ]);
  });

  it("says probably, as a warning, where a step before had an ID alpinize cannot know", () => {
    expect(
      taken(
        `${ALPINE}ARG GID\nRUN addgroup -S -g "$GID" a && apk add --no-cache nginx && addgroup -g 101 app\n`,
      ),
    ).toEqual(["3 warning gid '101' in use"]);
    const [f] = findings(
      `${ALPINE}RUN if [ -n "$X" ]; then addgroup -S x; fi && apk add nginx && addgroup -g 101 app\n`,
    );
    expect(f?.severity).toBe("warning");
    expect(f?.message).toContain("probably belongs to group nginx");
    expect(f?.message).toContain("busybox probably fails");
  });

  it("gives the file's own accounts the IDs busybox picks", () => {
    // adduser -D app: UID and GID 1000; adduser -S b: UID 100, in nogroup.
    expect(taken(`${ALPINE}RUN adduser -D app && addgroup -g 1000 x\n`)).toEqual([
      "2 error gid '1000' in use",
    ]);
    expect(
      taken(`${ALPINE}RUN adduser -S b && adduser -S -u 100 c && adduser -S -u 101 d\n`),
    ).toEqual(["2 error uid '100' in use"]);
  });

  it("leaves a package it has no install script for alone", () => {
    expect(taken(`${ALPINE}RUN apk add --no-cache curl && addgroup -g 101 app\n`)).toEqual([]);
  });
});
