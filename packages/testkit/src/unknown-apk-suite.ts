import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { alpineRootSkipReason, makeAlpineRoot } from "./alpine-root.js";
import type { SuiteApi } from "./or-guard-suite.js";
import { UNKNOWN_APK_FORMS } from "./unknown-apk-forms.js";

/**
 * An `apk` for the chroot: it logs each call (`STATUS WORDS`) and fails, installing nothing, when
 * one of its words is a name listed in /etc/apk-unknown, as apk does for a name its index lacks.
 */
const FAKE_APK = `#!/bin/sh
status=0
for word in "$@"; do
  grep -qxF -e "$word" /etc/apk-unknown && status=1
done
echo "$status $*" >> /tmp/apk.log
exit $status
`;

type Outcome = "stops" | "goes-on";

/**
 * What busybox sh does at name `name` of `run` (as Docker runs a RUN, `sh -c`) when apk lacks
 * `unknown`: `stops` when the RUN fails and the last apk call that failed asked for the name,
 * `goes-on` when the RUN ends well past it; undefined when no call asking for it ran.
 */
function outcome(
  root: string,
  run: string,
  name: string,
  unknown: readonly string[],
): Outcome | undefined {
  writeFileSync(join(root, "etc/apk-unknown"), `${unknown.join("\n")}\n`);
  rmSync(join(root, "tmp/apk.log"), { force: true });
  const r = spawnSync("chroot", [root, "/bin/sh", "-c", run], {
    encoding: "utf8",
    timeout: 60_000,
    killSignal: "SIGKILL",
  });
  let log: string[] = [];
  try {
    log = readFileSync(join(root, "tmp/apk.log"), "utf8").split("\n").filter(Boolean);
  } catch {
    return undefined;
  }
  const asks = (line: string) => line.split(" ").slice(1).includes(name);
  if (!log.some(asks)) return undefined;
  if (r.status === 0) return "goes-on";
  const lastFailed = log.filter((line) => line.startsWith("1 ")).at(-1);
  return lastFailed !== undefined && asks(lastFailed) ? "stops" : "goes-on";
}

/**
 * Declares the unknown apk names suite in the calling test file: each UNKNOWN_APK_FORMS row run
 * by the musl busybox sh in a chroot with an apk that fails on the row's names (each name alone
 * too, when the others keep its call from running), next to `reading` (migrate --check's or
 * alpinize check's): both must match the row.
 */
export function describeUnknownApk(
  t: SuiteApi,
  reading: (run: string) => Record<string, Outcome>,
): void {
  t.describe.skipIf(alpineRootSkipReason() !== undefined)(
    "unknown apk names read as busybox sh runs them",
    () => {
      let root = "";
      t.beforeAll(() => {
        root = makeAlpineRoot("alpinize-unknown-apk-", { devNull: true });
        writeFileSync(join(root, "sbin/apk"), FAKE_APK);
        chmodSync(join(root, "sbin/apk"), 0o755);
        // The table's `sudo apk add` runs as root here: sudo only runs what follows it.
        writeFileSync(join(root, "usr/bin/sudo"), '#!/bin/sh\nexec "$@"\n');
        chmodSync(join(root, "usr/bin/sudo"), 0o755);
      });
      t.afterAll(() => rmSync(root, { recursive: true, force: true }));
      t.it.each(UNKNOWN_APK_FORMS.map((f) => [f.run, f.names] as const))("%s", (run, names) => {
        const all = Object.keys(names);
        const ran = Object.fromEntries(
          all.map((n) => [n, outcome(root, run, n, all) ?? outcome(root, run, n, [n])]),
        );
        t.expect({ run, busybox: ran }).toEqual({ run, busybox: names });
        t.expect({ run, read: reading(run) }).toEqual({ run, read: names });
      });
    },
  );
}
