import { describe, expect, it } from "vitest";
import {
  analyzeStages,
  lineFinder,
  type MigrateResult,
  migrateDockerfile,
  parseDockerfile,
} from "../src/index.js";
import { debianToolsLeftIn } from "../src/rules/tools-left.js";
import { packageMap } from "./helpers.js";

const options = { packageMap: packageMap("3.23"), release: "3.23" };

function migrate(lines: readonly string[]): MigrateResult {
  return migrateDockerfile(`${lines.join("\n")}\n`, options);
}

type Left = { debianToolsLeft: readonly { tool: string; line: number }[] };

/**
 * The tools left in the file as written, every stage on Alpine, as `--check` reads it: migrate
 * itself turns a useradd or dpkg call that apk has not installed shadow or dpkg for into busybox
 * steps (probe-installs-rewrite.test.ts), so its output would have none left.
 */
function asWritten(lines: readonly string[]): Left {
  const doc = parseDockerfile(`${lines.join("\n")}\n`);
  const lineOf = lineFinder(doc.lineStarts);
  const tools = debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true);
  return { debianToolsLeft: tools.map((t) => ({ tool: t.tool, line: lineOf(t.offset) })) };
}

const left = (r: Left) => r.debianToolsLeft.map((t) => [t.tool, t.line]);

describe("a here-document fed to a shell is a script whose Debian tools count", () => {
  it("after other commands, piped from cat, behind options and wrappers", () => {
    const r = migrate([
      "FROM alpine:3.23",
      "RUN set -e; sh <<EOF",
      "dpkg-divert --add /a",
      "EOF",
      "RUN cat <<'EOF' | sh -eu",
      "useradd app",
      "EOF",
      "RUN true && sudo bash -s -- one <<-EOF",
      "\tgroupadd g",
      "\tEOF",
      "RUN <<X",
      "set -e",
      "sh <<EOF",
      "apt-get install -y curl",
      "EOF",
      "X",
    ]);
    expect(left(r)).toEqual([
      ["dpkg-divert", 3],
      ["useradd", 6],
      ["groupadd", 9],
      ["apt-get", 14],
    ]);
    // Each is warned at where it is, as --check fails on it.
    for (const line of [3, 6, 9, 14])
      expect(r.warnings.some((w) => w.line === line && w.rule === "apt")).toBe(true);
  });

  it("one written to a file, read as data, or given to a shell with a script is not run", () => {
    const r = migrate([
      "FROM alpine:3.23",
      "RUN cat <<EOF > /setup.sh",
      "dpkg-divert --add /a",
      "EOF",
      "RUN sh -c 'cat' <<EOF",
      "useradd app",
      "EOF",
      "RUN sh /x.sh <<EOF",
      "groupadd g",
      "EOF",
      "RUN cat <<EOF | grep apt-get",
      "apt-get install -y curl",
      "EOF",
    ]);
    expect(left(r)).toEqual([]);
  });

  it("an apk add in the fed script installs for the calls after it", () => {
    const r = migrate([
      "FROM alpine:3.23",
      "RUN set -e; sh <<EOF",
      "apk add --no-cache shadow",
      "useradd app",
      "EOF",
      "RUN useradd other",
    ]);
    expect(left(r)).toEqual([]);
  });
});

describe("an apk add in a sh -c string installs as one in the RUN does", () => {
  it("for the calls after it, in the string and after; in a branch, for that branch only", () => {
    const r = migrate([
      "FROM alpine:3.23",
      "RUN sh -c 'apk add --no-cache shadow && useradd a' && useradd b",
      "RUN if [ -n \"$X\" ]; then su -c 'apk add --no-cache dpkg'; fi; dpkg-divert --add /a",
    ]);
    expect(left(r)).toEqual([["dpkg-divert", 3]]);
  });
});

describe("an apk add that may not run installs only for the calls in its own branch", () => {
  it("after fi, esac or a || list, in the RUN and in later ones, the tool is left", () => {
    const r = asWritten([
      "FROM alpine:3.23",
      'RUN if [ "$X" = 1 ]; then apk add --no-cache shadow; fi; useradd a',
      "RUN useradd b",
      'RUN case "$A" in amd64) apk add --no-cache dpkg ;; esac && dpkg --print-architecture',
      "RUN getent passwd app || apk add --no-cache dpkg-dev; dpkg-architecture -qDEB_HOST_ARCH",
    ]);
    expect(left(r)).toEqual([
      ["useradd", 2],
      ["useradd", 3],
      ["dpkg", 4],
      ["dpkg-architecture", 5],
    ]);
  });

  it("inside the same branch, or when it runs whenever the RUN gets to it, it installs", () => {
    const r = asWritten([
      "FROM alpine:3.23",
      'RUN if [ "$X" = 1 ]; then apk add --no-cache shadow; useradd a; fi',
      'RUN if [ -n "$B" ]; then apk add --no-cache dpkg; for f in x; do dpkg -l; done; fi',
      "RUN command -v useradd || (apk add --no-cache shadow && useradd c)",
      "RUN apk update && apk add --no-cache dpkg-dev",
      'RUN if [ "$X" = 1 ]; then dpkg-architecture -qDEB_HOST_ARCH; fi',
    ]);
    expect(left(r)).toEqual([]);
  });

  it("after a lone probe for the program it installs, it installs for what follows too", () => {
    const r = asWritten([
      "FROM alpine:3.23",
      "RUN command -v useradd >/dev/null || apk add --no-cache shadow; useradd a",
      "RUN which groupadd || apk add --no-cache shadow && groupadd g",
      "RUN type usermod >/dev/null 2>&1 || apk add --no-cache shadow",
      "RUN usermod -aG g a",
      "RUN [ -x /usr/bin/dpkg ] || apk add --no-cache dpkg; dpkg --print-architecture",
      "RUN test -x /usr/sbin/userdel || sh -c 'apk add --no-cache shadow'; userdel a",
    ]);
    expect(left(r)).toEqual([]);
    // On alpine curl is missing, so the add runs; a probe after && decides as a first one.
    const alpine = asWritten([
      "FROM alpine:3.23",
      "RUN command -v curl || apk add --no-cache shadow; useradd a",
      "RUN true && command -v useradd || apk add --no-cache shadow; useradd b",
    ]);
    expect(left(alpine)).toEqual([]);
    // On an image whose programs are not all known (-alpine3.20), a probe for another program
    // guards nothing.
    const other = asWritten([
      "FROM node:22-alpine3.20",
      "RUN command -v curl || apk add --no-cache shadow; useradd a",
    ]);
    expect(left(other)).toEqual([["useradd", 2]]);
  });

  it("after a probe's && for the program it installs, that package is never installed", () => {
    // On Alpine the probe fails where the program is missing, so the add does not run there.
    const r = asWritten([
      "FROM alpine:3.23",
      "RUN command -v useradd >/dev/null && apk add --no-cache shadow; useradd -m a",
      "RUN apk add --no-cache curl && (command -v useradd && apk add --no-cache shadow); useradd b",
      "RUN ! which groupadd || apk add --no-cache shadow; groupadd g",
      "RUN [ -x /usr/sbin/usermod ] && apk add --no-cache shadow dpkg && usermod -aG g a",
      "RUN dpkg --print-architecture",
    ]);
    expect(left(r)).toEqual([
      ["useradd", 2],
      ["useradd", 3],
      ["groupadd", 4],
      ["usermod", 5],
      // On alpine the probe fails, so the stretch adds nothing: not dpkg either.
      ["dpkg", 6],
    ]);
    // A probe after && or piped into grep decides the same; one for curl fails on alpine too.
    const later = asWritten([
      "FROM alpine:3.23",
      "RUN echo start && command -v useradd && apk add --no-cache shadow; useradd a",
      "RUN command -v useradd | grep -q . && apk add --no-cache shadow; useradd b",
      "RUN command -v curl && apk add --no-cache shadow; useradd c",
      "RUN ! command -v useradd && apk add --no-cache shadow; useradd d",
    ]);
    expect(left(later)).toEqual([
      ["useradd", 2],
      ["useradd", 3],
      ["useradd", 4],
    ]);
    // Where the image's programs are not known, its other packages count as after any &&.
    const other = asWritten([
      "FROM node:22-alpine3.20",
      "RUN command -v curl && apk add --no-cache shadow; useradd a",
      "RUN command -v useradd && apk add --no-cache shadow dpkg; dpkg --print-architecture",
    ]);
    expect(left(other)).toEqual([]);
  });

  it("a while/until loop whose test probes for the program installs it for what follows", () => {
    const r = asWritten([
      "FROM alpine:3.23",
      "RUN while ! command -v useradd >/dev/null; do apk add --no-cache shadow; done; useradd a",
      "RUN until command -v dpkg; do apk add --no-cache dpkg; done",
      "RUN dpkg --print-architecture",
    ]);
    expect(left(r)).toEqual([]);
    // A loop that runs while the program is there never runs on alpine; on an image whose
    // programs are not known, one probing for another program guards nothing it installs.
    const other = asWritten([
      "FROM node:22-alpine3.20",
      "RUN while ! command -v curl; do apk add --no-cache shadow; done; useradd a",
      "FROM alpine:3.23",
      "RUN while command -v useradd; do apk add --no-cache shadow; done; useradd b",
      "RUN until ! hash groupadd; do apk add --no-cache shadow; done; groupadd g",
    ]);
    expect(left(other)).toEqual([
      ["useradd", 2],
      ["useradd", 4],
      ["groupadd", 5],
    ]);
  });

  it("on alpine, || spellings install; a probe busybox answers decides by busybox", () => {
    const r = asWritten([
      "FROM alpine:3.23",
      "RUN if ! command -v useradd; then apk add --no-cache shadow; fi; useradd a",
      "RUN if command -v groupadd; then :; else apk add --no-cache shadow; fi; groupadd g",
      "RUN command -v usermod && echo have || apk add --no-cache shadow; usermod -aG g a",
      "RUN command -v dpkg >/dev/null 2>&1 && true || apk add --no-cache dpkg; dpkg --print-architecture",
      // busybox has tar: the add of dpkg after its && runs.
      "RUN command -v tar && apk add --no-cache dpkg; dpkg --print-architecture",
    ]);
    expect(left(r)).toEqual([]);
    // busybox has grep: the stretch after || never runs, so dpkg is never installed.
    const grep = asWritten([
      "FROM alpine:3.23",
      "RUN command -v grep || apk add --no-cache dpkg; dpkg --print-architecture",
    ]);
    expect(left(grep)).toEqual([["dpkg", 2]]);
  });

  it("a stage built FROM it does not get the branch's package", () => {
    const r = asWritten([
      "FROM alpine:3.23 AS base",
      'RUN if [ "$X" = 1 ]; then apk add --no-cache shadow; fi',
      "FROM base",
      "RUN useradd app",
    ]);
    expect(left(r)).toEqual([["useradd", 4]]);
  });

  it("an apk del in a branch may have run: the package counts as gone after it", () => {
    const r = asWritten([
      "FROM alpine:3.23",
      "RUN apk add --no-cache shadow",
      'RUN if [ "$X" = 1 ]; then apk del shadow; fi; useradd app',
    ]);
    expect(left(r)).toEqual([["useradd", 3]]);
  });
});

describe("a here-document written to a file that the RUN then runs is a script", () => {
  it("run by sh, ., its path, or piped through tee into a shell: its tools are left", () => {
    const r = migrate([
      "FROM alpine:3.23",
      "RUN cat <<EOF > /s.sh && sh /s.sh",
      "apt-get install -y curl",
      "EOF",
      "RUN cat >/t.sh <<'EOF'; . /t.sh",
      "dpkg-divert --add /a",
      "EOF",
      "RUN cat <<EOF >/u.sh && chmod +x /u.sh && /u.sh",
      "useradd app",
      "EOF",
      "RUN tee /x <<EOF | bash -e",
      "groupadd g",
      "EOF",
    ]);
    expect(left(r)).toEqual([
      ["apt-get", 3],
      ["dpkg-divert", 6],
      ["useradd", 9],
      ["groupadd", 12],
    ]);
    for (const line of [3, 6, 9, 12])
      expect(r.warnings.some((w) => w.line === line && w.rule === "apt")).toBe(true);
  });

  it("one sent to /dev/null, or written and only read, is data", () => {
    const r = migrate([
      "FROM alpine:3.23",
      "RUN cat <<EOF > /dev/null",
      "apt-get install -y curl",
      "EOF",
      "RUN cat <<EOF > /s.sh && cat /s.sh",
      "useradd app",
      "EOF",
      "RUN sh /other.sh; cat <<EOF > /v.sh",
      "groupadd g",
      "EOF",
    ]);
    expect(left(r)).toEqual([]);
  });

  it("its apk add installs for the calls after the command that runs it", () => {
    const r = migrate([
      "FROM alpine:3.23",
      "RUN sh <<EOF && dpkg-divert --add /a",
      "apk add --no-cache dpkg",
      "EOF",
      "RUN cat <<EOF > /s.sh && sh /s.sh && dpkg-divert --add /b",
      "apk del dpkg",
      "EOF",
    ]);
    expect(left(r)).toEqual([["dpkg-divert", 5]]);
  });
});

describe("eval and for loops over literal words", () => {
  it("a RUN with eval still counts the tools outside and in a literal eval string", () => {
    const r = migrate([
      "FROM alpine:3.23",
      'RUN eval "true"; dpkg-divert --add /a',
      "RUN eval 'update-alternatives --set x y' && true",
      'RUN eval "$CMD" && dpkg-divert --add /b',
    ]);
    expect(left(r)).toEqual([
      ["dpkg-divert", 2],
      ["update-alternatives", 3],
      ["dpkg-divert", 4],
    ]);
  });

  it("a for over literal words always runs its apk add; over $X, a glob or the arguments not", () => {
    const r = migrate([
      "FROM alpine:3.23",
      "RUN for p in 1; do apk add --no-cache dpkg; done; dpkg-divert --add /a",
      "RUN apk del dpkg",
      "RUN for p in $X; do apk add --no-cache dpkg; done; dpkg-divert --add /b",
      "RUN for p in /x/*; do apk add --no-cache dpkg; done; dpkg-divert --add /c",
      "RUN f() { for p; do apk add --no-cache dpkg; done; }; dpkg-divert --add /d",
    ]);
    expect(left(r)).toEqual([
      ["dpkg-divert", 4],
      ["dpkg-divert", 5],
      ["dpkg-divert", 6],
    ]);
  });
});
