import { chmodSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { alpineRootSkipReason, makeAlpineRoot, runInRoot } from "../../test/alpine-root.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

/** The words check says busybox stops with, per reported line. */
function quoted(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "unknown-user" && f.severity === "error")
    .map((f) => `${f.line} ${/fails with "([^"]*)"/.exec(f.message)?.[1]}`);
}

/**
 * Runs the file's RUN lines in order until one fails: `line` and the last line of its stderr
 * (busybox deluser notes first that a group lists no such member), or undefined if all pass.
 */
function firstFailure(root: string, text: string): string | undefined {
  const [stage] = describeStages(text, "Dockerfile");
  for (const run of stage!.runs) {
    const r = runInRoot(root, run.text);
    if (r.status !== 0) return `${run.line} ${r.stderr.trim().split("\n").at(-1)}`;
  }
  return undefined;
}

const reason = alpineRootSkipReason();
describe.skipIf(reason !== undefined)("unknown-user against busybox", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  function fresh(): string {
    root = makeAlpineRoot("alpinize-unknown-user-");
    // su must get into the (mkdtemp 0700) root as another user.
    chmodSync(root, 0o755);
    return root;
  }

  it.each([
    "RUN mkdir -p /srv && chown app /srv",
    "RUN su app -c true",
    "RUN deluser app",
    "RUN addgroup app wheel",
    "RUN passwd -l app",
    "RUN adduser -D web && deluser web && chown web /tmp",
  ])("fails where check says, with busybox's words: %s", (run) => {
    const text = `FROM alpine:3.23\n${run}\n`;
    const said = quoted(text);
    expect(said).toHaveLength(1);
    expect(firstFailure(fresh(), text)).toBe(said[0]);
  });

  it("runs what check passes: the user made first, a base user, a number", () => {
    const use = "RUN mkdir -p /srv && chown app /srv && su app -c true && chown guest:users /srv";
    const make = "RUN adduser -D -s /bin/sh app && chown 1000 /tmp";
    const late = `FROM alpine:3.23\n${use}\n${make}\n`;
    expect(quoted(late)).toEqual(["2 chown: unknown user app", "2 su: unknown user app"]);
    expect(firstFailure(fresh(), late)).toBe("2 chown: unknown user app");
    rmSync(root!, { recursive: true, force: true });
    const first = `FROM alpine:3.23\n${make}\n${use}\n`;
    expect(quoted(first)).toEqual([]);
    expect(firstFailure(fresh(), first)).toBeUndefined();
  });
});
