import { spawnSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { alpineRootSkipReason, makeAlpineRoot } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStages, lineFinder, parseDockerfile } from "../src/index.js";
import { debianToolsLeftIn } from "../src/rules/tools-left.js";
import { runBodies } from "./support/busybox-root.js";

// What the shell really does with the probes that decide an apk add (elif, `probe && add ||
// add`, both branches of an if, a call whose failure `|| true` catches), run by the musl busybox
// sh in a chroot, next to what migrate --check and alpinize check read (debianToolsLeftIn).

/** A stand-in for apk: `add shadow` puts a useradd on the PATH; nothing is fetched. */
const FAKE_APK = `#!/bin/sh
[ "$1" = add ] || exit 0
for w; do
  case "$w" in shadow) printf '#!/bin/sh\\nexit 0\\n' > /usr/sbin/useradd; chmod +x /usr/sbin/useradd ;; esac
done
`;

const ADD = "apk add --no-cache shadow";

/** Per case: the RUN line, the image, and whether the real shell gets through it. */
const CASES: [name: string, image: string, run: string, passes: boolean][] = [
  [
    "elif whose probe finds busybox's adduser",
    "alpine:3.23",
    `RUN if command -v useradd >/dev/null; then :; elif command -v adduser >/dev/null; then ${ADD}; fi; useradd app`,
    true,
  ],
  [
    "else after two probes that fail",
    "alpine:3.23",
    `RUN if command -v useradd; then :; elif command -v groupadd; then :; else ${ADD}; fi; useradd app`,
    true,
  ],
  [
    "else after a probe busybox answers",
    "alpine:3.23",
    `RUN if command -v adduser; then :; elif command -v useradd; then :; else ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "probe && add || the same add",
    "alpine:3.23",
    `RUN command -v useradd && ${ADD} || ${ADD}; useradd app`,
    true,
  ],
  [
    "probe && add || the same add, on python",
    "python:3.13-alpine",
    `RUN command -v useradd && ${ADD} || ${ADD}; useradd app`,
    true,
  ],
  [
    "both branches of an if add it, on python",
    "python:3.13-alpine",
    `RUN if command -v curl; then apk add --no-cache shadow curl-dev; else ${ADD}; fi; useradd app`,
    true,
  ],
  [
    "one branch of an if adds it, on python",
    "python:3.13-alpine",
    `RUN if command -v curl; then ${ADD}; else apk add --no-cache dpkg; fi; useradd app`,
    false,
  ],
  [
    "the else branch, after an add in the then branch, on python",
    "python:3.13-alpine",
    `RUN if command -v curl; then ${ADD}; else useradd app; fi`,
    false,
  ],
  [
    "a call whose failure || true catches",
    "alpine:3.23",
    `RUN command -v useradd && ${ADD}; useradd -Z x app || true`,
    true,
  ],
];

/** The lines of the Debian tools that fail the build, as migrate --check reads the file. */
function left(text: string): number[] {
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  return debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true)
    .filter((t) => !t.accepted)
    .map((t) => lineOf(t.offset));
}

describe.skipIf(alpineRootSkipReason() !== undefined)(
  "probes read as the musl busybox sh runs them",
  () => {
    let root = "";
    beforeAll(() => {
      root = makeAlpineRoot("alpinize-probe-branches-", { devNull: true });
      writeFileSync(join(root, "sbin/apk"), FAKE_APK);
      chmodSync(join(root, "sbin/apk"), 0o755);
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it.each(CASES)("%s", (_name, image, run, passes) => {
      rmSync(join(root, "usr/sbin/useradd"), { force: true });
      const text = `FROM ${image}\n${run}\n`;
      const [body] = runBodies(text);
      // As Docker runs a RUN line: sh -c, no -e.
      const r = spawnSync("chroot", [root, "/bin/sh", "-c", body!], {
        encoding: "utf8",
        timeout: 60_000,
        killSignal: "SIGKILL",
      });
      expect({ text, stderr: r.stderr, passes: r.status === 0 }).toMatchObject({ passes });
      expect(left(text)).toEqual(passes ? [] : [2]);
    });
  },
);
