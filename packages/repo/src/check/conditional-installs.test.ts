import {
  analyzeStages,
  debianToolsLeftIn,
  lineFinder,
  migrateDockerfile,
  parseDockerfile,
} from "@alpinize/dockerfile";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import { checkTargets } from "./run.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

/**
 * The lines of the Debian tools left in the file as written (its stages are all on Alpine), as
 * migrate's debianToolsLeft reads its output: migrate itself rewrites a useradd or dpkg call apk
 * has not installed shadow or dpkg for, so its own output has none of these left.
 */
function leftAsWritten(text: string): number[] {
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  // As migrate reads it: a call whose failure a `||` catches fails no build.
  return debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true)
    .filter((t) => !t.accepted)
    .map((t) => lineOf(t.offset));
}
const TOOL_RULES = new Set(["shadow-user-commands", "apt-in-alpine"]);

/** The lines `alpinize check` fails on for a Debian tool apk has not installed when it runs. */
function checkLines(text: string): number[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => TOOL_RULES.has(f.rule) && f.severity === "error")
    .map((f) => f.line);
}

const file = (...lines: string[]) => `${["FROM alpine:3.23 AS base", ...lines].join("\n")}\n`;
const ADD = "apk add --no-cache shadow";
/** The same on an official image's `-alpine` tag, built FROM alpine with its busybox. */
const on = (image: string, ...lines: string[]) =>
  `${[`FROM ${image} AS base`, ...lines].join("\n")}\n`;

/** An `apk add` that may not run, and the calls after it; a name ending in "passes" passes both. */
const CASES: Record<string, string> = {
  "an if branch, a RUN before": file(`RUN if true; then ${ADD}; fi`, "RUN useradd app"),
  "an if branch, the same RUN": file(`RUN if [ -n "$X" ]; then ${ADD}; fi; useradd app`),
  "a case arm": file(`RUN case "$X" in a) ${ADD} ;; esac && useradd app`),
  "a function body": file(`RUN f() { ${ADD}; }; useradd app`),
  "after a || that probes something else": file(`RUN getent passwd app || ${ADD}; useradd app`),
  "after a probe for a program alpine lacks passes": file(
    `RUN command -v curl || ${ADD}; useradd app`,
  ),
  "a probe after && before its || passes": file(
    `RUN true && command -v useradd || ${ADD}; useradd app`,
  ),
  "after a && that probes for a missing program, its other packages too": file(
    "RUN command -v useradd && apk add --no-cache shadow dpkg; dpkg --print-architecture > /a",
  ),
  "after a probe that is not first before its &&": file(
    `RUN echo start && command -v useradd && ${ADD}; useradd app`,
  ),
  "after a piped probe before its &&": file(
    `RUN command -v useradd | grep -q . && ${ADD}; useradd app`,
  ),
  "if ! probe; then add; fi passes": file(
    `RUN if ! command -v useradd; then ${ADD}; fi; useradd app`,
  ),
  "if probe; then :; else add; fi passes": file(
    `RUN if command -v useradd; then :; else ${ADD}; fi; useradd app`,
  ),
  "if probe; then add; fi": file(`RUN if command -v useradd; then ${ADD}; fi; useradd app`),
  "probe && echo || add passes": file(`RUN command -v useradd && echo have || ${ADD}; useradd app`),
  "probe && true || add passes": file(
    `RUN command -v useradd >/dev/null 2>&1 && true || ${ADD}; useradd -m app`,
  ),
  "after a && that probes for a busybox program passes": file(
    "RUN command -v tar && apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "after a || that probes for a busybox program": file(
    "RUN command -v grep || apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "dpkg in an if branch": file(
    "RUN if true; then apk add --no-cache dpkg; fi; dpkg --print-architecture > /a",
  ),
  "a stage built FROM one that added it in a branch": file(
    `RUN if true; then ${ADD}; fi`,
    "FROM base",
    "RUN useradd app",
  ),
  "an if branch in a sh -c string": file(`RUN sh -c 'if true; then ${ADD}; fi; useradd app'`),
  "an if branch in a sh -c string, the call after it": file(
    `RUN sh -c 'if true; then ${ADD}; fi' && useradd app`,
  ),
  "a sh -c string in an if branch": file(`RUN if true; then sh -c '${ADD}'; fi; useradd app`),
  "a call in the branch passes": file(`RUN if true; then ${ADD} && useradd app; fi`),
  "a guard after the apk add passes": file(`RUN ${ADD} || true; useradd app`),
  "command -v passes": file(`RUN command -v useradd >/dev/null || ${ADD}; useradd app`),
  "which passes": file(`RUN which useradd || ${ADD}`, "RUN useradd app"),
  "type passes": file(`RUN type useradd >/dev/null 2>&1 || ${ADD}; useradd app`),
  "[ -x PATH ] passes": file(`RUN [ -x /usr/sbin/useradd ] || ${ADD}; useradd app`),
  // busybox links adduser as /usr/sbin/adduser and tar as /bin/tar (busybox --list-full).
  "[ -x PATH ] where busybox has the program elsewhere passes": file(
    `RUN [ -x /usr/bin/adduser ] || ${ADD}; useradd app`,
  ),
  "test -x PATH where busybox has it": file(`RUN test -x /usr/sbin/adduser || ${ADD}; useradd app`),
  "[ -e PATH ] where busybox has the program elsewhere, before &&": file(
    "RUN [ -e /usr/bin/tar ] && apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "python: [ -f PATH ] where busybox has it, before && passes": on(
    "python:3.13-alpine",
    "RUN [ -f /bin/tar ] && apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "test -x PATH in a heredoc passes": file(
    "RUN <<EOF",
    `test -x /usr/sbin/groupadd || { ${ADD}; }`,
    "groupadd g",
    "EOF",
  ),
  "a probe before a sh -c string passes": file(
    `RUN command -v useradd || sh -c '${ADD}'; useradd app`,
  ),
  "a probe in a sh -c string passes": file(`RUN sh -c 'command -v useradd || ${ADD}; useradd app'`),
  "a call in a sh -c string's branch passes": file(
    `RUN sh -c 'if true; then ${ADD}; useradd app; fi'`,
  ),
  "an eval before the call": file(`RUN if true; then ${ADD}; fi; eval "true"; useradd app`),
  "the call in a literal eval string": file(`RUN if true; then ${ADD}; fi; eval "useradd app"`),
  "a for loop over a variable": file(`RUN for p in $X; do ${ADD}; done; useradd app`),
  "a for loop over a glob": file(`RUN for p in /x/*; do ${ADD}; done; useradd app`),
  "a for loop over the arguments": file(`RUN f() { for p; do ${ADD}; done; }; useradd app`),
  "a for loop over literal words passes": file(
    `RUN for p in 1 "b c"; do ${ADD}; done; useradd app`,
  ),
  "a heredoc written to a file that sh then runs": file(
    "RUN cat <<EOF > /s.sh && sh /s.sh",
    "apt-get install -y curl",
    "EOF",
  ),
  "a heredoc written to a file that . then runs": file(
    "RUN cat > /s.sh <<'EOF'; . /s.sh",
    "apt-get install -y curl",
    "EOF",
  ),
  "a heredoc written to a file that runs as a path": file(
    "RUN cat <<EOF >/s.sh && chmod +x /s.sh && /s.sh",
    "useradd app",
    "EOF",
  ),
  "a heredoc through tee into sh": file("RUN tee /x <<EOF | sh", "apt-get install -y curl", "EOF"),
  "a heredoc to /dev/null passes": file(
    "RUN cat <<EOF > /dev/null",
    "apt-get install -y curl",
    "EOF",
  ),
  "a heredoc written to a file nobody runs passes": file(
    "RUN cat <<EOF > /s.sh && cat /s.sh",
    "apt-get install -y curl",
    "EOF",
  ),
  "a heredoc fed to sh after the call": file(
    "RUN dpkg-query -W x && sh <<EOF",
    "apk add --no-cache dpkg",
    "EOF",
  ),
  "a heredoc fed to sh in an if branch": file(
    "RUN if true; then sh <<EOF; fi; dpkg-query -W x",
    "apk add --no-cache dpkg",
    "EOF",
  ),
  "a heredoc fed to sh before && passes": file(
    "RUN sh <<EOF && dpkg-query -W x",
    "apk add --no-cache dpkg",
    "EOF",
  ),
  "a probe for dpkg passes": file(
    "RUN command -v dpkg || apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "after a && that probes for the program": file(
    `RUN command -v useradd >/dev/null && ${ADD}; useradd -m app`,
  ),
  "after a && that probes for the program, in a subshell": file(
    `RUN apk add --no-cache curl && (command -v useradd && ${ADD}); useradd app`,
  ),
  "after a || that probes for the program with !": file(
    `RUN ! which useradd || ${ADD}; useradd app`,
  ),
  "after a && that probes for a program alpine lacks": file(
    `RUN command -v curl && ${ADD}; useradd app`,
  ),
  "a while ! probe loop passes": file(
    `RUN while ! command -v useradd >/dev/null; do ${ADD}; done; useradd app`,
  ),
  "an until probe loop passes": file(
    `RUN until command -v useradd; do ${ADD}; done`,
    "RUN useradd app",
  ),
  "a while probe loop": file(`RUN while command -v useradd; do ${ADD}; done; useradd app`),
  "python: after a || that probes for busybox's grep, its other packages": on(
    "python:3.13-alpine",
    "RUN command -v grep || apk add --no-cache grep dpkg; dpkg --print-architecture > /a",
  ),
  "golang: if ! probe for busybox's grep; then add; fi, its other packages": on(
    "golang:1.24-alpine3.21",
    "RUN if ! command -v grep; then apk add --no-cache grep dpkg; fi; dpkg --print-architecture > /a",
  ),
  "node: a while ! probe loop for busybox's grep, its other packages": on(
    "node:22-alpine",
    "RUN while ! command -v grep; do apk add --no-cache grep dpkg; done; dpkg --print-architecture > /a",
  ),
  "ruby: after a || that probes for busybox's tar, its other packages": on(
    "ruby:3.4-alpine",
    "RUN command -v tar || apk add --no-cache tar dpkg; dpkg --print-architecture > /a",
  ),
  "php: after a || that probes for busybox's grep, its other packages": on(
    "php:8.4-fpm-alpine",
    "RUN command -v grep || apk add --no-cache grep dpkg; dpkg --print-architecture > /a",
  ),
  "python: after a && that probes for a busybox program passes": on(
    "python:3.13-alpine",
    "RUN command -v tar && apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "node: after a || that probes for a busybox program": on(
    "node:22-alpine3.21",
    "RUN command -v grep || apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "golang: after a && that probes for a busybox program passes": on(
    "golang:1.24-alpine",
    `RUN command -v sed && ${ADD}; useradd app`,
  ),
  "ruby: after a && that probes for its own runtime passes": on(
    "ruby:3.4-alpine",
    `RUN command -v gem && ${ADD}; useradd app`,
  ),
  "php: after a && that probes for the curl it ships passes": on(
    "php:8.4-fpm-alpine",
    `RUN command -v curl && ${ADD}; useradd app`,
  ),
  "elif: the branch a probe alpine answers runs passes": file(
    `RUN if command -v useradd >/dev/null; then :; elif command -v adduser >/dev/null; then ${ADD}; fi; useradd app`,
  ),
  "elif: the else after probes alpine fails passes": file(
    `RUN if command -v useradd; then :; elif command -v groupadd; then :; else ${ADD}; fi; useradd app`,
  ),
  "elif: an else after a probe busybox answers": file(
    `RUN if command -v adduser; then :; elif command -v useradd; then :; else ${ADD}; fi; useradd app`,
  ),
  "elif: an else after a test that is no probe": file(
    `RUN if command -v useradd; then :; elif [ -n "$X" ]; then :; else ${ADD}; fi; useradd app`,
  ),
  "probe && add || the same add passes": file(
    `RUN command -v useradd && ${ADD} || ${ADD}; useradd app`,
  ),
  "python: probe && add || the same add passes": on(
    "python:3.13-alpine",
    `RUN command -v useradd && ${ADD} || ${ADD}; useradd app`,
  ),
  "python: both branches of an if add it passes": on(
    "python:3.13-alpine3.20",
    `RUN if command -v curl; then apk add --no-cache shadow curl-dev; else ${ADD}; fi; useradd app`,
  ),
  "python: both branches of an if add it, the call in the next RUN passes": on(
    "python:3.13-alpine3.20",
    `RUN if command -v curl >/dev/null; then ${ADD}; else apk add --no-cache shadow dpkg; fi`,
    "RUN useradd app",
  ),
  "python: one branch of an if adds it": on(
    "python:3.13-alpine3.20",
    `RUN if command -v curl; then apk add --no-cache curl-dev; else ${ADD}; fi; useradd app`,
  ),
  "python: the else branch, after an add in the then branch": on(
    "python:3.13-alpine",
    `RUN if command -v curl; then ${ADD}; else useradd app; fi`,
  ),
  "the else branch of an if with no probe, after an add in the then branch": file(
    `RUN if [ -n "$X" ]; then ${ADD}; else useradd app; fi`,
  ),
  "an elif branch, after an add in the then branch": file(
    `RUN if [ -n "$X" ]; then ${ADD}; elif [ -n "$Y" ]; then useradd app; fi`,
  ),
  "python: an if and an elif add it, with no else": on(
    "python:3.13-alpine3.20",
    `RUN if command -v curl; then ${ADD}; elif command -v wget; then ${ADD}; fi; useradd app`,
  ),
  "python: both branches add it under a virtual group": on(
    "python:3.13-alpine3.20",
    "RUN if command -v curl; then apk add --no-cache -t .u shadow; else apk add --no-cache -t .u shadow; fi; useradd app",
  ),
  // python:alpine ships no curl (built FROM alpine, ca-certificates and tzdata kept): as on alpine.
  "python: after a && that probes for a program it does not ship": on(
    "python:3.13-alpine",
    `RUN command -v curl && ${ADD}; useradd app`,
  ),
  "python: after a || that probes for a program it does not ship passes": on(
    "python:3.13-alpine",
    `RUN command -v curl || ${ADD}; useradd app`,
  ),
  "node: after a || that probes for a program it does not ship passes": on(
    "node:22-alpine",
    `RUN command -v ggrep || ${ADD}; useradd app`,
  ),
  "ruby: after a && that probes for a program it does not ship": on(
    "ruby:3.4-alpine3.22",
    `RUN command -v pip && ${ADD}; useradd app`,
  ),
  "golang: after a && that probes for the gofmt it ships passes": on(
    "golang:1.24-alpine",
    `RUN command -v gofmt && ${ADD}; useradd app`,
  ),
  "php: after a && that probes for the GNU tar it ships passes": on(
    "php:8.4-fpm-alpine",
    `RUN command -v docker-php-ext-install && ${ADD}; useradd app`,
  ),
  "python on alpine 3.20: after a && that probes for a program it may ship passes": on(
    "python:3.13-alpine3.20",
    `RUN command -v curl && ${ADD}; useradd app`,
  ),
  "node: after a && that probes for corepack, which comes and goes, passes": on(
    "node:22-alpine",
    `RUN command -v corepack && ${ADD}; useradd app`,
  ),
};

describe("a Debian tool whose failure a || catches", () => {
  // On Alpine the call does nothing and the build goes on: check warns, migrate --check does not fail.
  it.each([
    `RUN command -v useradd && ${ADD}; useradd -Z x app || true`,
    `RUN command -v useradd && ${ADD}; useradd -Z x app && echo made || echo none`,
    `RUN command -v useradd && ${ADD}; sh -c 'useradd -Z x app' || :`,
  ])("%s", (run) => {
    const text = file(run);
    expect(leftAsWritten(text)).toEqual([]);
    expect(checkLines(text)).toEqual([]);
    const findings = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings);
    expect(findings.filter((f) => f.rule === "shadow-user-commands")).toMatchObject([
      { line: 2, severity: "warning" },
    ]);
    const migrated = migrateDockerfile(text, { release: "3.23" });
    expect(migrated.debianToolsLeft).toEqual([]);
    expect(migrated.changed).toBe(false);
    expect(migrated.warnings.some((w) => w.message.includes("useradd"))).toBe(true);
  });

  it("warns at one no rule warns at, saying the build goes on without it", () => {
    const migrated = migrateDockerfile(file("RUN dpkg-query -W x || true"), { release: "3.23" });
    expect(migrated.debianToolsLeft).toEqual([]);
    expect(migrated.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining(
        "dpkg-query is a Debian tool this Alpine stage does not have installed when this call runs, so it fails here and the || after it lets the build go on",
      ),
    );
  });

  it("still counts one that nothing catches", () => {
    const text = file(`RUN command -v useradd && ${ADD}; useradd -Z x app; true`);
    expect(leftAsWritten(text)).toEqual([2]);
    expect(migrateDockerfile(text, { release: "3.23" }).debianToolsLeft).toHaveLength(1);
  });
});

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/** The lines the full `alpinize check` (its entrypoint lint judges every tool) fails busybox-option on. */
async function checkedOptionLines(text: string): Promise<number[]> {
  await repo?.remove();
  repo = await scratchRepo({ Dockerfile: text });
  const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  return result.findings.filter((f) => f.rule === "busybox-option").map((f) => f.line);
}

/** busybox-option findings of `alpinize check`: what GNU find's -printf needs, read by what installs it. */
function optionLines(text: string): number[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "busybox-option")
    .map((f) => f.line);
}

describe("a probe for a program busybox has is read as finding it", () => {
  it.each([
    // busybox's grep is /bin/grep: a test of /usr/bin/grep fails, so GNU grep is added.
    ["[ -x /usr/bin/grep ] || apk add --no-cache grep", [], "grep -P x f"],
    ["test -x /usr/bin/grep || apk add --no-cache grep", [], "grep -P x f"],
    ["[ -e /usr/bin/grep ] || apk add --no-cache grep", [], "grep -P x f"],
    ["[ -x /bin/grep ] || apk add --no-cache grep", [2], "grep -P x f"],
  ])("%s; %s", async (install, lines, call) => {
    expect(await checkedOptionLines(file(`RUN ${install}; ${call}`))).toEqual(lines);
    expect(await checkedOptionLines(on("node:22-alpine", `RUN ${install}; ${call}`))).toEqual(
      lines,
    );
  });

  it.each([
    ["command -v find || apk add --no-cache findutils", [2]],
    ["while ! command -v find; do apk add --no-cache findutils; done", [2]],
    ["command -v find >/dev/null && apk add --no-cache findutils", []],
  ])("%s; find -printf", (install, lines) => {
    expect(optionLines(file(`RUN ${install}; find . -printf %p`))).toEqual(lines);
  });
});

/** The Dockerfile with the shadow install left out (offsets kept): what the tools say without it. */
const withoutShadow = (text: string) => text.replace(ADD, "true".padEnd(ADD.length));

describe("an apk add that may not run: check and migrate --check agree", () => {
  it("fails check on the call after an if branch that installs shadow, naming that apk add", () => {
    const text = CASES["an if branch, a RUN before"]!;
    const found = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).find(
      (f) => f.rule === "shadow-user-commands",
    );
    expect(found).toMatchObject({ line: 3, rule: "shadow-user-commands", severity: "error" });
    expect(found!.message).toBe(
      "useradd runs where shadow may not be installed (apk add shadow on line 2 is in an if/case/loop/function body or after ||, which may not run) in Alpine stage base, so the build fails here when it does not: install shadow where it always runs, or in the same branch as the call, or use busybox adduser -D (adduser -D -u UID -G GROUP -s SHELL NAME)",
    );
  });

  // On Alpine the probe fails without shadow, so its && stretch never installs it.
  it.each([
    "after a && that probes for the program",
    "after a && that probes for the program, in a subshell",
    "a while probe loop",
  ])("reports what it reports with no shadow install at all: %s", (name) => {
    const text = CASES[name]!;
    const findings = (t: string) =>
      checkStages("Dockerfile", describeStages(t, "Dockerfile"), settings);
    // migrate rewrites useradd to adduser where no shadow is added, so only check compares.
    expect(findings(text)).toEqual(findings(withoutShadow(text)));
  });

  // One notion: `alpinize check` fails where `migrate --check` does (its debianToolsLeft).
  it.each(Object.keys(CASES))("agrees with migrate's debianToolsLeft: %s", (name) => {
    const text = CASES[name]!;
    const lines = leftAsWritten(text);
    expect(checkLines(text)).toEqual([...new Set(lines)]);
    expect(lines.length > 0).toBe(!name.endsWith("passes"));
    // migrate --check fails on it too: migrate rewrites such a call (useradd → adduser), or leaves it.
    const migrated = migrateDockerfile(text, { release: "3.23" });
    expect(migrated.changed || migrated.debianToolsLeft.length > 0).toBe(lines.length > 0);
  });
});

/** A GNU option after an install that a probe for the busybox applet guards, per tool. */
const GNU_CALLS: [probe: string, debianPackage: string, call: string][] = [
  ["grep", "grep", "grep -P x f"],
  ["sed", "sed", "sed -z s/a/b/ f"],
  ["find", "findutils", "find . -printf %p"],
  ["tar", "tar", "tar --sort=name -cf x ."],
  ["stat", "coreutils", "stat --printf=%s f"],
];
const DEBIAN_IMAGES = [
  "python:3.13-slim",
  "node:22-bookworm",
  "golang:1.24-bookworm",
  "ruby:3.4-slim",
  "php:8.4-cli",
  "debian:bookworm",
];

describe("a GNU option after an install the probe for busybox's applet skips", () => {
  // On Alpine `command -v grep` finds busybox's grep, so the install after || never runs.
  it.each(DEBIAN_IMAGES.flatMap((image) => GNU_CALLS.map((c) => [image, ...c] as const)))(
    "%s: command -v %s || install %s; %s",
    async (image, probe, pkg, call) => {
      const text = `FROM ${image}\nRUN command -v ${probe} || (apt-get update && apt-get install -y ${pkg}); ${call}\n`;
      const migrated = migrateDockerfile(text, { release: "3.23" });
      // migrate leaves a file alpinize check accepts, and one it has nothing more to change in.
      const lines = await checkedOptionLines(migrated.output);
      expect({ text: migrated.output, lines }).toMatchObject({ lines: [] });
      // As written before the fix, check fails it: the GNU tool comes only after ||.
      const unfixed = `FROM alpine:3.23\nRUN command -v ${probe} || (apk add --no-cache ${pkg}); ${call}\n`;
      expect(await checkedOptionLines(unfixed)).toEqual([2]);
      const again = migrateDockerfile(migrated.output, { release: "3.23" });
      expect({ changed: again.changed, left: again.debianToolsLeft }).toEqual({
        changed: false,
        left: [],
      });
    },
  );

  it("does not put the package in an apk add after a || either", async () => {
    const text =
      "FROM python:3.13-slim\nRUN command -v curl || (apt-get update && apt-get install -y curl); grep -P x f\n";
    const migrated = migrateDockerfile(text, { release: "3.23" });
    expect(migrated.output).toContain("(apk add --no-cache curl)");
    expect(await checkedOptionLines(migrated.output)).toEqual([]);
  });
});

describe("a probe on an official -alpine image is judged as on alpine", () => {
  const busyboxLines = (text: string) =>
    checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
      .filter((f) => f.rule === "busybox-no-applet" || f.rule === "busybox-option")
      .map((f) => f.line);
  // The official -alpine images ship no curl (php aside) and no ggrep.
  it.each([
    ["command -v curl && apk add --no-cache perl; perl -e 1", [2]],
    ["command -v curl || apk add --no-cache perl; perl -e 1", []],
    ["command -v ggrep || apk add --no-cache grep; grep -P x f", []],
  ])("%s", (run, lines) => {
    expect(busyboxLines(file(`RUN ${run}`))).toEqual(lines);
    for (const image of ["python:3.13-alpine", "node:22-alpine", "ruby:3.4-alpine3.21"])
      expect({ image, lines: busyboxLines(on(image, `RUN ${run}`)) }).toEqual({ image, lines });
  });
});
