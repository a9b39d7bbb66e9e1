import { rmSync } from "node:fs";
import { PACKAGE_SCRIPTS } from "@alpinize/dockerfile";
import { afterEach, describe, expect, it } from "vitest";
import { alpineRootSkipReason, makeAlpineRoot, runInRoot } from "../../test/alpine-root.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

/**
 * What each image's own Dockerfile runs before ours (the addgroup/adduser lines of the corpus
 * pairs node-24-trixie-slim and php-8.4-cli, alpine.Dockerfile): the root then has its accounts.
 */
const IMAGE_SETUP: Readonly<Record<string, string>> = {
  "alpine:3.23": "true",
  "node:22-alpine": "addgroup -g 1000 node && adduser -u 1000 -G node -s /bin/sh -D node",
  "php:8.4-fpm-alpine": "adduser -u 82 -D -S -G www-data www-data",
};

/** The alpine-id-taken findings of a one-stage file, as `line "busybox's words"`. */
function findings(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "alpine-id-taken" && f.severity === "error")
    .map((f) => `${f.line} ${/fails with "([^"]*)"/.exec(f.message)?.[1]}`);
}

/**
 * `apk add` as far as accounts go: each package's install script from the table alpinize follows
 * (addgroup -S, adduser -S; a step that fails goes unnoticed, as `2>/dev/null` makes it there).
 */
const APK = `apk() { for p in "$@"; do case "$p" in ${PACKAGE_SCRIPTS.map(
  (s) =>
    `${s.pkg}) ${s.steps
      .map((step) =>
        step.tool === "addgroup"
          ? `addgroup -S${step.gid === undefined ? "" : ` -g ${step.gid}`} ${step.group} || true`
          : `adduser -S -D -H${step.uid === undefined ? "" : ` -u ${step.uid}`} -G ${step.group} ${step.user} || true`,
      )
      .join("; ")};;`,
).join(" ")} esac; done; }\n`;

/** Runs the file's RUN lines in order until one fails: `line stderr`, or undefined if all pass. */
function firstFailure(root: string, text: string): string | undefined {
  const [stage] = describeStages(text, "Dockerfile");
  const setup = runInRoot(root, IMAGE_SETUP[stage!.image]!);
  expect(setup).toEqual({ status: 0, stderr: "" });
  for (const run of stage!.runs) {
    const r = runInRoot(root, APK + run.text);
    if (r.status !== 0) return `${run.line} ${r.stderr}`;
  }
  return undefined;
}

const FAILING = [
  "FROM alpine:3.23\nRUN addgroup -S www-data && adduser -S -G www-data www-data\n",
  "FROM alpine:3.23\nRUN addgroup -g 33 www-data\n",
  "FROM alpine:3.23\nRUN addgroup -S users\n",
  "FROM alpine:3.23\nRUN adduser -D nobody\n",
  "FROM alpine:3.23\nRUN adduser -D www-data\n",
  "FROM alpine:3.23\nRUN addgroup -g 1000 app && adduser -D -u 1000 app\n",
  "FROM alpine:3.23\nRUN adduser -D -u 1000 a && addgroup -g 1000 b\n",
  "FROM alpine:3.23\nRUN adduser -D app\nRUN addgroup app\n",
  "FROM alpine:3.23\nRUN delgroup users && addgroup -g 100 app\n",
  "FROM alpine:3.23\nRUN adduser -D -u 999 app\n",
  "FROM node:22-alpine\nRUN addgroup -g 1000 app && adduser -D -u 1000 -G app app\n",
  "FROM node:22-alpine\nRUN adduser -D -u 1000 -G users app\n",
  "FROM php:8.4-fpm-alpine\nRUN adduser -u 82 -D -S -G www-data www-data\n",
  "FROM alpine:3.23\nRUN apk add --no-cache nginx\nRUN addgroup -g 101 app && adduser -D -u 101 -G app -H app\n",
  "FROM alpine:3.23\nRUN apk add --no-cache redis\nRUN adduser -S -D -u 100 app\n",
  "FROM alpine:3.23\nRUN addgroup -g 101 app\nRUN apk add --no-cache nginx\nRUN addgroup -g 102 web\n",
  "FROM alpine:3.23\nRUN addgroup -S svc && apk add --no-cache nginx redis\nRUN addgroup -g 103 c\n",
  "FROM alpine:3.23\nRUN apk add --no-cache nginx\nRUN adduser -D -u 101 app\n",
  "FROM alpine:3.23\nRUN adduser -D app && addgroup -g 1000 x\n",
  "FROM alpine:3.23\nRUN addgroup -S a && adduser -S b && addgroup -g 101 x\n",
];

const PASSING = [
  "FROM alpine:3.23\nRUN adduser -S -G www-data www-data\n",
  "FROM alpine:3.23\nRUN addgroup nobody www-data && adduser nobody users\n",
  "FROM alpine:3.23\nRUN addgroup -S www-data || true\n",
  "FROM alpine:3.23\nRUN grep -q '^www-data:' /etc/group || addgroup -S www-data\n",
  "FROM alpine:3.23\nRUN delgroup www-data && addgroup -g 33 www-data\n",
  "FROM alpine:3.23\nRUN deluser guest && delgroup users && addgroup -g 100 app\n",
  "FROM alpine:3.23\nRUN addgroup -g 1000 app && adduser -D -u 1000 -G app app\n",
  "FROM alpine:3.23\nRUN adduser -D -u 1000 a && deluser a && addgroup -g 1000 b\n",
  "FROM node:22-alpine\nRUN adduser -D -G node worker\n",
  "FROM node:22-alpine\nRUN deluser --remove-home node && addgroup -g 1000 app && adduser -D -u 1000 -G app app\n",
  "FROM alpine:3.23\nRUN addgroup -g 101 app && adduser -D -u 101 -G app -H app\nRUN apk add --no-cache nginx\n",
  "FROM alpine:3.23\nRUN apk add --no-cache nginx redis && addgroup -g 104 app && adduser -D -u 102 -G app app\n",
  "FROM alpine:3.23\nRUN addgroup app && addgroup -g 1001 x && adduser -S b && adduser -S -u 102 c\n",
];

const reason = alpineRootSkipReason();
describe.skipIf(reason !== undefined)(
  "alpine-id-taken against musl busybox and Alpine's /etc",
  () => {
    let root: string | undefined;
    afterEach(() => {
      if (root) rmSync(root, { recursive: true, force: true });
      root = undefined;
    });

    const titled = (texts: readonly string[]) =>
      texts.map((t) => [t.trim().replace(/\n/g, " | "), t]);

    it.each(titled(FAILING))("fails where check says, with the words it quotes: %s", (_, text) => {
      root = makeAlpineRoot("alpinize-taken-");
      const [first] = findings(text);
      expect(first).toBeDefined();
      const [line, ...quote] = first!.split(" ");
      const failure = firstFailure(root, text);
      expect(failure?.startsWith(`${line} `)).toBe(true);
      expect(failure).toContain(quote.join(" "));
    });

    it.each(titled(PASSING))("builds, and check finds nothing: %s", (_, text) => {
      root = makeAlpineRoot("alpinize-taken-");
      expect(findings(text)).toEqual([]);
      expect(firstFailure(root, text)).toBeUndefined();
    });
  },
);
