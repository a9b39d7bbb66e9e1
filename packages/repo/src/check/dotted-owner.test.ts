import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { alpineRootSkipReason, makeAlpineRoot, runInRoot } from "../../test/alpine-root.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };
const RULES = new Set(["unknown-user", "unknown-group"]);

function findings(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter((f) =>
    RULES.has(f.rule),
  );
}

/** The line and the words check says busybox stops with, per error. */
function quoted(text: string): string[] {
  return findings(text)
    .filter((f) => f.severity === "error")
    .map((f) => `${f.line} ${/fails with "([^"]*)"/.exec(f.message)?.[1]}`);
}

/** Runs the RUN lines in order until one fails: its line and busybox's last stderr line. */
function firstFailure(root: string, text: string): string | undefined {
  const [stage] = describeStages(text, "Dockerfile");
  for (const run of stage!.runs) {
    const r = runInRoot(root, run.text);
    if (r.status !== 0) return `${run.line} ${r.stderr.trim().split("\n").at(-1)}`;
  }
  return undefined;
}

const file = (...runs: string[]) => `FROM alpine:3.23\n${runs.map((r) => `RUN ${r}`).join("\n")}\n`;

describe("chown and chgrp owners with a dot, as busybox reads them", () => {
  it("names the fix: the UID for a dotted user, USER.GROUP or .GROUP for a dotted group", () => {
    const [user] = findings(file("adduser -D john.doe && chown john.doe /tmp"));
    expect(user?.rule).toBe("unknown-user");
    expect(user?.message).toContain("names user john.doe, which busybox chown reads as user john");
    expect(user?.message).toContain('chown "$(id -u john.doe)" FILE');
    const [group] = findings(file("addgroup my.group && chown root:my.group /tmp"));
    expect(group?.rule).toBe("unknown-group");
    expect(group?.message).toContain("write root.my.group");
    const [chgrp] = findings(file("addgroup my.group && chgrp my.group /tmp"));
    expect(chgrp?.message).toContain("write chown .my.group");
  });

  it("leaves GNU chown's reading alone when coreutils is installed", () => {
    const text = file(
      "apk add --no-cache coreutils",
      "addgroup my.group && chown root:my.group /tmp && chgrp my.group /tmp",
    );
    expect(findings(text)).toEqual([]);
  });

  it("reads USER and COPY --chown names whole: the builder splits at the colon only", () => {
    expect(findings("FROM alpine:3.23\nRUN adduser -D john.doe\nUSER john.doe\n")).toEqual([]);
    const [user] = findings("FROM alpine:3.23\nRUN adduser -D app\nUSER app.x\n");
    expect(user?.message).toContain("USER in Alpine stage 0 names user app.x, which is not there");
  });
});

const reason = alpineRootSkipReason();
describe.skipIf(reason !== undefined)("chown owners with a dot against busybox", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it.each([
    ["adduser -D john.doe && chown john.doe /tmp"],
    ["adduser -D john.doe && addgroup doe && chown john.doe /tmp"],
    ["adduser -D john.doe && chown john.doe:john.doe /tmp"],
    ["addgroup my.group && chown root:my.group /tmp"],
    ["addgroup my.group && chown :my.group /tmp"],
    ["addgroup my.group && chgrp my.group /tmp"],
    ["chown nobody.x /tmp"],
    ["chown app.nogroup /tmp"],
  ])("fails where check says, with busybox's words: %s", (run) => {
    const text = file("true", run);
    const said = quoted(text);
    expect(said).toHaveLength(1);
    root = makeAlpineRoot("alpinize-dotted-owner-");
    expect(firstFailure(root, text)).toBe(said[0]);
  });

  it("runs what check passes: the UID, USER.GROUP, .GROUP", () => {
    const text = file(
      "adduser -D john.doe && addgroup my.group",
      'chown "$(id -u john.doe)" /tmp && chown root.my.group /tmp && chown .my.group /tmp && chown nobody.nogroup /tmp',
    );
    expect(findings(text)).toEqual([]);
    root = makeAlpineRoot("alpinize-dotted-owner-");
    expect(firstFailure(root, text)).toBeUndefined();
  });
});
