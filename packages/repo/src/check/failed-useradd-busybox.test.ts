import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { alpineRootSkipReason, makeAlpineRoot, runInRoot } from "../../test/alpine-root.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

const reason = alpineRootSkipReason();
describe.skipIf(reason !== undefined)("a useradd busybox lacks makes no user (busybox)", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it.each([
    "useradd app | cat",
    "useradd app || true",
    "useradd app | true",
    "useradd app | head -1",
  ])("%s: the build goes on, app cannot be resolved, and check errors at USER app", (run) => {
    root = makeAlpineRoot("alpinize-failed-useradd-");
    expect(runInRoot(root, run).status).toBe(0);
    // What USER app needs at start: app in the image's /etc/passwd.
    const resolve = runInRoot(root, "chown app /tmp");
    expect(resolve.stderr.trim()).toBe("chown: unknown user app");
    const text = `FROM alpine:3.23\nRUN ${run}\nUSER app\n`;
    const found = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings);
    expect(
      found.some((f) => f.rule === "unknown-user" && f.line === 3 && f.severity === "error"),
    ).toBe(true);
  });
});
