import { spawnSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeAlpineRoot } from "@alpinize/testkit";
import { analyzeStages, lineFinder, parseDockerfile } from "../../src/index.js";
import { debianToolsLeftIn } from "../../src/rules/tools-left.js";
import { runBodies } from "./busybox-root.js";

// A chroot with the musl busybox and a stand-in apk, where a RUN runs as Docker runs it, and
// what migrate --check reads of the same file: the two sides the probe tables compare.

/**
 * A stand-in for apk: `add shadow` puts a useradd on the PATH, `add grep` (sed, tar) a GNU grep
 * that takes any option in /usr/bin, ahead of busybox's /bin/grep; `del shadow` takes useradd
 * away; nothing is fetched, but `slow` among the words makes it wait a second first (a list run
 * in the background must not win the race by luck).
 */
export const FAKE_APK = `#!/bin/sh
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

export const ADD = "apk add --no-cache shadow";
/** An add the fake apk takes a second over before installing anything (the word "slow"), as a real fetch does. */
export const SLOW = `${ADD} slow`;

/** A fresh Alpine root whose /sbin/apk is {@link FAKE_APK}; the caller removes it. */
export function probeRoot(): string {
  const root = makeAlpineRoot("alpinize-probe-branches-", { devNull: true });
  writeFileSync(join(root, "sbin/apk"), FAKE_APK);
  chmodSync(join(root, "sbin/apk"), 0o755);
  return root;
}

/** The lines of the Debian tools that fail the build, as migrate --check reads the file. */
export function left(text: string): number[] {
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  return debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true)
    .filter((t) => !t.accepted)
    .map((t) => lineOf(t.offset));
}

/** Whether every RUN of the file exits 0 in the root, as Docker runs them (sh -c, no -e), in order. */
export function runsThrough(root: string, text: string): boolean {
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
