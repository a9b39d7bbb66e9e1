import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeStages, lineFinder, migrateDockerfile, parseDockerfile } from "../src/index.js";
import { debianToolsLeftIn } from "../src/rules/tools-left.js";
import { packageMap } from "./helpers.js";
import { alpineRoots, busyboxSkipReason } from "./support/busybox-root.js";

const options = { packageMap: packageMap("3.23"), release: "3.23" };
const PRINT = "dpkg --print-architecture";
// An install that never runs on Alpine: dpkg is missing there, so `command -v` fails first.
const PROBE = "command -v dpkg && apk add --no-cache dpkg";

/** Lines of the dpkg calls that fail in the file as written, as `--check` and check read it. */
function dpkgLeft(text: string): number[] {
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  return debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true)
    .filter((t) => t.tool === "dpkg")
    .map((t) => lineOf(t.offset));
}

/**
 * An Alpine stage running dpkg where it is not installed: reported in the input, converted by
 * migrate, and the output (which converts to itself) runs none.
 */
function converted(lines: readonly string[], reported: number[]): string {
  const text = `FROM alpine:3.23\n${lines.join("\n")}\n`;
  expect(dpkgLeft(text), text).toEqual(reported);
  const result = migrateDockerfile(text, options);
  expect(result.output, text).not.toContain(PRINT);
  expect(result.debianToolsLeft, text).toEqual([]);
  expect(dpkgLeft(result.output)).toEqual([]);
  const again = migrateDockerfile(result.output, options);
  expect([again.output, again.debianToolsLeft]).toEqual([result.output, []]);
  return result.output;
}

const printed = (line: string) => ["RUN <<EOF", line, "EOF"];
const shString = (line: string) => `sh -c '${line}'`;

describe("dpkg --print-architecture on an Alpine stage without dpkg, in heredocs and strings", () => {
  it("a RUN <<EOF body and a RUN sh <<EOF body, behind a probe that installs nothing", () => {
    converted([...printed(`${PROBE}\n${PRINT} > /a`)], [4]);
    converted(
      [`RUN ${PROBE}; true`, "RUN sh <<EOF", `arch="$(${PRINT})"`, "echo $arch", "EOF"],
      [4],
    );
    converted(["RUN sh <<EOF", PROBE, `${PRINT} > /a`, "EOF"], [4]);
  });

  it("a sh -c '…' string on the RUN line and in a heredoc body: sed's script in double quotes", () => {
    const line = converted([`RUN ${PROBE}; ${shString(`${PRINT} > /a`)}`], [2]);
    expect(line).toContain(
      `sh -c 'apk --print-arch | sed -e "s/^armhf\\$/armel/" -e "s/^armv7\\$/armhf/"`,
    );
    expect(line.split("\n")[1]).not.toMatch(/sed -e '/);
    converted([...printed(shString(`arch=$(${PRINT}); echo $arch`))], [3]);
    converted(["RUN <<EOF", PROBE, shString(`${PRINT} > /a`), "EOF"], [4]);
  });

  it("a single-quoted string inside a double-quoted one stays whole and flagged", () => {
    for (const run of [
      `RUN sh -c "sh -c '${PRINT} > /a'"`,
      `RUN sh -c "echo \\$x; sh -c '${PRINT} > /a'"`,
    ]) {
      const text = `FROM alpine:3.23\n${run}\n`;
      const result = migrateDockerfile(text, options);
      expect(result.output).toBe(text);
      expect(result.debianToolsLeft.map((t) => t.tool)).toEqual(["dpkg"]);
    }
  });

  it("a stage that installs dpkg before the body keeps it as written", () => {
    const text = `FROM alpine:3.23\nRUN apk add --no-cache dpkg\n${[
      ...printed(`${PRINT} > /a\n${shString(`${PRINT} > /b`)}`),
    ].join("\n")}\n`;
    expect(migrateDockerfile(text, options).output).toBe(text);
  });
});

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)(
  `the converted sh -c string under busybox${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    const newRoot = alpineRoots("alpinize-arch-strings-");

    it("prints Debian's name for each Alpine one", () => {
      const root = newRoot();
      const out = migrateDockerfile(
        `FROM alpine:3.23\nRUN ${shString(`${PRINT} > /tmp/arch`)}\n`,
        options,
      ).output;
      const body = out.split("\n")[1]!.slice("RUN ".length);
      const names = {
        x86_64: "amd64",
        aarch64: "arm64",
        armv7: "armhf",
        armhf: "armel",
        x86: "i386",
      };
      for (const [alpine, debian] of Object.entries(names)) {
        // The root has no apk: one that prints the name is all the string needs of it.
        writeFileSync(join(root, "usr/bin/apk"), `#!/bin/sh\necho ${alpine}\n`, { mode: 0o755 });
        const r = spawnSync("chroot", [root, "/bin/sh", "-ec", body], { encoding: "utf8" });
        expect([r.status, r.stderr], alpine).toEqual([0, ""]);
        expect(readFileSync(join(root, "tmp/arch"), "utf8"), alpine).toBe(`${debian}\n`);
      }
    });
  },
);
