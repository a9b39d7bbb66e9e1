import { spawnSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { alpineRootSkipReason, makeAlpineRoot } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStages, lineFinder, migrateDockerfile, parseDockerfile } from "../src/index.js";
import { debianToolsLeftIn } from "../src/rules/tools-left.js";
import { runBodies } from "./support/busybox-root.js";

// What the shell really does with the probes that decide an apk add (elif, `probe && add ||
// add`, both branches of an if, a call whose failure `|| true` catches), run by the musl busybox
// sh in a chroot, next to what migrate --check and alpinize check read (debianToolsLeftIn).

/**
 * A stand-in for apk: `add shadow` puts a useradd on the PATH, `add grep` (sed, tar) a GNU grep
 * that takes any option in /usr/bin, ahead of busybox's /bin/grep; `del shadow` takes useradd
 * away; nothing is fetched, but `slow` among the words makes it wait a second first (a list run
 * in the background must not win the race by luck).
 */
const FAKE_APK = `#!/bin/sh
if [ "$1" = del ]; then
  for w; do [ "$w" = shadow ] && rm -f /usr/sbin/useradd; done
  exit 0
fi
[ "$1" = add ] || exit 0
# A fetch that takes a while, before anything is installed.
case " $* " in *" slow "*) sleep 1 ;; esac
fake() { printf '#!/bin/sh\\nexit 0\\n' > "$1"; chmod +x "$1"; }
for w; do
  case "$w" in
    shadow) fake /usr/sbin/useradd ;;
    grep|sed|tar|dpkg) fake "/usr/bin/$w" ;;
  esac
done
`;

/** What the fake apk may have installed, removed before each case. */
const FAKES = ["usr/sbin/useradd", "usr/bin/grep", "usr/bin/sed", "usr/bin/tar", "usr/bin/dpkg"];

/** Alpine's PATH, as the image's ENV gives it: /usr/bin before busybox's /bin. */
const ALPINE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const ADD = "apk add --no-cache shadow";
/** An add the fake apk takes a second over before installing anything (the word "slow"), as a real fetch does. */
const SLOW = `${ADD} slow`;

/** An add on every path of branches no probe decides (A and B are unset when they run). */
const BRANCH_ADDS: [name: string, run: string, passes: boolean][] = [
  [
    "both branches of an if with no probe",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
    true,
  ],
  [
    "every branch of an if, elif and else",
    `RUN if [ "$A" = 1 ]; then ${ADD}; elif [ "$A" = 2 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
    true,
  ],
  [
    "every arm of a case with *)",
    `RUN case "$A" in 1) ${ADD};; 2|3) ${ADD} ;; *) ${ADD};; esac; useradd app`,
    true,
  ],
  [
    "nested ifs and cases that all add it",
    `RUN if [ "$A" = 1 ]; then if [ -n "$B" ]; then ${ADD}; else ${ADD}; fi; else case "$B" in x) ${ADD};; *) ${ADD};; esac; fi; useradd app`,
    true,
  ],
  ["the if's first test", `RUN if ${ADD}; then :; fi; useradd app`, true],
  [
    "the if's first test, turned round",
    `RUN if ! ${ADD}; then echo no shadow >&2; fi; useradd app`,
    true,
  ],
  [
    "both branches of an if, the call in the next RUN",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi\nRUN useradd app`,
    true,
  ],
  ["an if with no else", `RUN if [ "$A" = 1 ]; then ${ADD}; fi; useradd app`, false],
  [
    "an if and an elif with no else",
    `RUN if [ "$A" = 1 ]; then ${ADD}; elif [ -n "$B" ]; then ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "an elif's test, which runs only when the if's fails",
    `RUN if true; then :; elif ${ADD}; then :; fi; useradd app`,
    false,
  ],
  ["a case with no *)", `RUN case "$A" in 1) ${ADD};; esac; useradd app`, false],
  [
    "a case whose * is quoted",
    `RUN case "$A" in 1) ${ADD};; "*") ${ADD};; esac; useradd app`,
    false,
  ],
  ["a case whose *) adds nothing", `RUN case "$A" in 1) ${ADD};; *) :;; esac; useradd app`, false],
  [
    "the *) arm after an arm that adds it",
    `RUN case "$A" in 1) ${ADD};; *) useradd app;; esac`,
    false,
  ],
  [
    "a branch whose add follows a ||",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else true || ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "a branch whose add is in an if with no else",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else if [ -n "$B" ]; then ${ADD}; fi; fi; useradd app`,
    false,
  ],
  [
    "a branch that deletes it again",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; apk del shadow; fi; useradd app`,
    false,
  ],
  // sh -c is busybox's ash: `;&` and `;;&` are bash's, a syntax error here.
  [
    "a case arm that falls through with ;&",
    `RUN case "$A" in 1) ${ADD};& 2) echo ;; *) ${ADD};; esac; useradd app`,
    false,
  ],
  [
    "a case arm that goes on matching with ;;&",
    `RUN case "$A" in 1) ${ADD};;& *) ${ADD};; esac; useradd app`,
    false,
  ],
  ["an add in the background", `RUN ${SLOW} & useradd app`, false],
  [
    "a branch's add in the background",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${SLOW} & fi; useradd app`,
    false,
  ],
  [
    "a *) arm's add in the background",
    `RUN case "$A" in 1) ${ADD};; *) ${SLOW} &;; esac; useradd app`,
    false,
  ],
  [
    "an if run in the background",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${SLOW}; fi & useradd app`,
    false,
  ],
  ["an add in the background, then wait", `RUN ${SLOW} & wait; useradd app`, true],
  ["an add in the background, then wait $!", `RUN ${SLOW} & wait $!; useradd app`, true],
  ["a loop over words", `RUN for i in 1; do ${ADD}; done; useradd app`, true],
  ["an add after a break", `RUN for i in 1; do break; ${ADD}; done; useradd app`, false],
  ["an add before a break", `RUN for i in 1 2 3; do ${ADD}; break; done; useradd app`, true],
  [
    "a retry loop, add && break",
    `RUN for i in 1 2 3; do ${ADD} && break; sleep 0; done; useradd app`,
    true,
  ],
  ["an add before a continue", `RUN for i in 1 2; do ${ADD}; continue; done; useradd app`, true],
  [
    "an add after a break in an if",
    `RUN for i in 1 2; do if true; then break; fi; ${ADD}; done; useradd app`,
    false,
  ],
  [
    "an add after a test && break",
    `RUN for i in 1 2; do [ -z "$A" ] && break; ${ADD}; done; useradd app`,
    false,
  ],
  [
    "an add after a continue in an if",
    `RUN for i in 1 2; do if true; then continue; fi; ${ADD}; done; useradd app`,
    false,
  ],
  ["an add after false &&", `RUN false && ${ADD}; useradd app`, false],
  ["an add after a test's &&", `RUN [ -n "$A" ] && ${ADD}; useradd app`, false],
  ["an add after an assignment's &&", `RUN X=1 && ${ADD}; useradd app`, true],
  [
    "an add after a substitution's assignment &&",
    `RUN set -eux; arch="$(uname -m)" && ${ADD}; useradd app`,
    true,
  ],
  ["an add after a test's && then ||", `RUN [ -n "$A" ] && ${ADD} || true; useradd app`, false],
  [
    "both branches of an if after false &&",
    `RUN false && if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "both branches of an if after a test's &&",
    `RUN [ -n "$A" ] && if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "a branch whose add follows false &&",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else false && ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "a case redirected into a missing folder",
    `RUN case "$A" in 1) ${ADD};; *) ${ADD};; esac >/no/such/dir/f; useradd app`,
    false,
  ],
  [
    "an if redirected into a missing folder",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi >/no/such/dir/f; useradd app`,
    false,
  ],
  [
    "an if redirected to /dev/null",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi >/dev/null 2>&1; useradd app`,
    true,
  ],
];

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

/** The lines of the Debian tools that fail the build, as migrate --check reads the file. */
function left(text: string): number[] {
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  return debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true)
    .filter((t) => !t.accepted)
    .map((t) => lineOf(t.offset));
}

/** Whether every RUN of the file exits 0 in the root, as Docker runs them (sh -c, no -e), in order. */
function runsThrough(root: string, text: string): boolean {
  for (const fake of FAKES) rmSync(join(root, fake), { force: true });
  return runBodies(text).every((body) => {
    const r = spawnSync("chroot", [root, "/bin/sh", "-c", body], {
      encoding: "utf8",
      env: { PATH: ALPINE_PATH },
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
    return r.status === 0;
  });
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
      const text = `FROM ${image}\n${run}\n`;
      expect({ text, passes: runsThrough(root, text) }).toMatchObject({ passes });
      expect(left(text)).toEqual(passes ? [] : [2]);
    });

    // An add in an if test is no guard: where it fails, the call after the if fails as after `apk
    // add shadow; useradd app` (under set -e too), so counting it hides no failure.
    it.each([
      `if ${ADD}; then :; fi; useradd app`,
      `set -e; if ${ADD}; then :; fi; useradd app`,
      `${ADD}; useradd app`,
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
