import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { alpineRootSkipReason } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDockerfile } from "../src/index.js";
import { BRANCH_ADDS } from "./branch-adds-cases.js";
import { ADD, FAKE_APK, left, probeRoot, runsThrough } from "./support/probe-root.js";

// What the shell really does with the probes that decide an apk add (elif, `probe && add ||
// add`, both branches of an if, a call whose failure `|| true` catches), run by the musl busybox
// sh in a chroot, next to what migrate --check and alpinize check read (debianToolsLeftIn).

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
  // The root, like python:alpine (built FROM alpine, ca-certificates and tzdata kept), has no curl.
  [
    "after a && that probes for curl, on python",
    "python:3.13-alpine",
    `RUN command -v curl && ${ADD}; useradd app`,
    false,
  ],
  [
    "after a || that probes for curl, on python",
    "python:3.13-alpine",
    `RUN command -v curl || ${ADD}; useradd app`,
    true,
  ],
  [
    "after a || that probes for a program no table lists, on node",
    "node:22-alpine",
    `RUN command -v ggrep || ${ADD}; useradd app`,
    true,
  ],
  // busybox links adduser as /usr/sbin/adduser and tar as /bin/tar (busybox --list-full).
  [
    "a path test where busybox has the program elsewhere",
    "alpine:3.23",
    `RUN [ -x /usr/bin/adduser ] || ${ADD}; useradd app`,
    true,
  ],
  [
    "a path test where busybox has it",
    "alpine:3.23",
    `RUN test -x /usr/sbin/adduser || ${ADD}; useradd app`,
    false,
  ],
  [
    "[ -e ] where busybox has the program elsewhere, before &&",
    "alpine:3.23",
    "RUN [ -e /usr/bin/tar ] && apk add --no-cache dpkg; dpkg --print-architecture",
    false,
  ],
  [
    "[ -f ] where busybox has it, before &&, on node",
    "node:22-alpine",
    "RUN [ -f /bin/tar ] && apk add --no-cache dpkg; dpkg --print-architecture",
    true,
  ],
  [
    "a call whose failure || true catches",
    "alpine:3.23",
    `RUN command -v useradd && ${ADD}; useradd -Z x app || true`,
    true,
  ],
  ...(
    [
      ["|| :", true],
      ["|| echo no useradd >&2", true],
      ["|| exit 0", true],
      ["|| exit 1", false],
      ["|| false", false],
      ["|| exit", false],
      ["|| { echo x; exit 1; }", false],
      ["|| return 1", false],
      ["|| echo x > /no/such/dir/f", false],
      ["|| true && false", false],
      ["|| { echo x >&2; }", true],
      ["|| { true; }", true],
      ["|| (exit 0)", true],
      ["|| echo $(false)", true],
      ['|| true "$(false)"', true],
      ["|| true || exit 1", true],
      ["|| { true; } || exit 1", true],
      ["|| ( { echo x; } )", true],
      ["|| { echo x; false; }", false],
      ["|| (exit 0) && false", false],
      ["|| exit 1 || true", false],
      ["|| false || true", true],
      ["|| false || exit 1", false],
      ["|| ! true", false],
      ["|| echo >&3", false],
      ["|| : $((1/0))", false],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell expands it, not JS
      ["|| echo ${x?unset}", false],
    ] as const
  ).map(([or, passes]): (typeof CASES)[number] => [
    `a call followed by ${or}`,
    "alpine:3.23",
    `RUN useradd -Z x app ${or}`,
    passes,
  ]),
  ["dpkg-divert --add /x || exit 1", "alpine:3.23", "RUN dpkg-divert --add /x || exit 1", false],
  ...BRANCH_ADDS.map(([name, run, passes]): (typeof CASES)[number] => [
    name,
    "alpine:3.23",
    run,
    passes,
  ]),
];

describe.skipIf(alpineRootSkipReason() !== undefined)(
  "probes read as the musl busybox sh runs them",
  () => {
    let root = "";
    beforeAll(() => {
      root = probeRoot();
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it.each(CASES)("%s", (_name, image, run, passes) => {
      const text = `FROM ${image}\n${run}\n`;
      expect({ text, passes: runsThrough(root, text) }).toMatchObject({ passes });
      // The call that fails is on the last line (the second RUN of a two-RUN case).
      expect(left(text)).toEqual(passes ? [] : [text.trimEnd().split("\n").length]);
    });

    // An add in an if test is no guard: where it fails, the call after the if fails as after `apk
    // add shadow; useradd app` (under set -e too), so counting it hides no failure. Nor does a
    // retry loop's: when every try fails, the loop ends and the call fails the build.
    it.each([
      `if ${ADD}; then :; fi; useradd app`,
      `set -e; if ${ADD}; then :; fi; useradd app`,
      `${ADD}; useradd app`,
      `for i in 1 2 3; do ${ADD} && break; sleep 0; done; useradd app`,
      `set -e; for i in 1 2 3; do ${ADD} && break; sleep 0; done; useradd app`,
    ])("with an apk that fails: %s", (body) => {
      writeFileSync(join(root, "sbin/apk"), "#!/bin/sh\nexit 1\n");
      try {
        expect(runsThrough(root, `FROM alpine:3.23\nRUN ${body}\n`)).toBe(false);
      } finally {
        writeFileSync(join(root, "sbin/apk"), FAKE_APK);
      }
    });

    // busybox's grep (sed, tar) is found, so the install after || never runs: migrate must
    // install the GNU tool where it always runs for the call's GNU option to work.
    it.each([
      ["grep", "grep -P x /etc/passwd"],
      ["sed", "sed -z s/a/b/ /etc/passwd"],
      ["tar", "tar --sort=name -cf /tmp/x.tar /etc/passwd"],
    ])("migrate's output of command -v %s || apt-get install it; %s", (tool, call) => {
      const debian = `FROM python:3.13-slim\nRUN command -v ${tool} || (apt-get update && apt-get install -y ${tool}); ${call}\n`;
      expect(
        runsThrough(root, debian.replace(/apt-get update && apt-get install -y/, "apk add")),
      ).toBe(false);
      const text = migrateDockerfile(debian, { release: "3.23" }).output;
      expect({ text, passes: runsThrough(root, text) }).toMatchObject({ passes: true });
    });

    // The install always runs before the call: migrate adds no RUN of its own before it.
    it.each([
      "for i in 1 2 3; do apt-get update && apt-get install -y grep && break; sleep 0; done",
      'set -eux; dpkgArch="$(dpkg --print-architecture)" && apt-get update && apt-get install -y grep',
      "ARCH=$(uname -m) && apt-get update && apt-get install -y grep",
    ])("migrate's output of %s; grep -P", (install) => {
      const debian = `FROM python:3.13-slim\nRUN ${install}; grep -P x /etc/passwd\n`;
      const text = migrateDockerfile(debian, { release: "3.23" }).output;
      expect(text.match(/^RUN /gm)).toHaveLength(1);
      expect({ text, passes: runsThrough(root, text) }).toMatchObject({ passes: true });
    });
  },
);
