import { spawnSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { alpineRootSkipReason, makeAlpineRoot } from "./alpine-root.js";
import type { SuiteApi } from "./or-guard-suite.js";

/**
 * RUN lines of an Alpine 3.24 stage (one Dockerfile line each) where an `apk add` may name a
 * package the release lacks (`nosuch`), then a call of useradd, which only shadow installs; and
 * whether the build gets through: apk installs none of a call's names when one is missing, so a
 * caught failure (`|| true`, a pipe) still leaves no useradd. migrate --check and `alpinize check`
 * are read on the same lines (migrate's with dpkg and dpkg-divert in the place of shadow and useradd).
 */
export const APK_ALL_OR_NOTHING_FORMS: readonly { runs: readonly string[]; passes: boolean }[] = [
  { runs: ["apk add --no-cache shadow nosuch || true", "useradd app"], passes: false },
  { runs: ["apk add --no-cache shadow nosuch || true; useradd app"], passes: false },
  { runs: ["apk add --no-cache shadow nosuch | tee /tmp/l", "useradd app"], passes: false },
  { runs: ["apk add --no-cache shadow nosuch | head -1", "useradd app"], passes: false },
  { runs: ["apk add --no-cache -t .v shadow nosuch || true", "useradd app"], passes: false },
  { runs: ["if apk add --no-cache nosuch shadow; then :; fi", "useradd app"], passes: false },
  { runs: ["apk add --no-cache shadow || true", "useradd app"], passes: true },
  {
    runs: ["apk add --no-cache shadow", "apk add --no-cache shadow nosuch || true", "useradd app"],
    passes: true,
  },
  { runs: ["apk add --no-cache shadow nosuch@edge || true", "useradd app"], passes: true },
];

/**
 * An `apk` for the chroot: it fails, installing nothing, when one of its words is listed in
 * /etc/apk-unknown, as apk does for a name its index lacks; else shadow brings a useradd.
 */
const FAKE_APK = `#!/bin/sh
for word in "$@"; do
  grep -qxF -e "$word" /etc/apk-unknown && exit 1
done
for word in "$@"; do
  [ "$word" = shadow ] && printf '#!/bin/sh\\nexit 0\\n' > /usr/sbin/useradd && chmod 755 /usr/sbin/useradd
done
exit 0
`;

/** Whether busybox sh gets through each line in turn (`sh -c`, as Docker runs a RUN). */
function buildPasses(root: string, runs: readonly string[]): boolean {
  rmSync(join(root, "usr/sbin/useradd"), { force: true });
  return runs.every((run) => {
    const r = spawnSync("chroot", [root, "/bin/sh", "-c", run], {
      encoding: "utf8",
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
    return r.status === 0;
  });
}

/**
 * Declares the all-or-nothing suite in the calling test file: each APK_ALL_OR_NOTHING_FORMS row
 * run by the musl busybox sh in a chroot with an apk that fails on `nosuch`, next to `passes`
 * (migrate --check's or alpinize check's reading of the RUN lines): both must match the row.
 */
export function describeApkAllOrNothing(
  t: SuiteApi,
  passes: (runs: readonly string[]) => boolean,
): void {
  t.describe.skipIf(alpineRootSkipReason() !== undefined)(
    "apk add installs nothing when one name is missing, read as busybox sh runs it",
    () => {
      let root = "";
      t.beforeAll(() => {
        root = makeAlpineRoot("alpinize-apk-all-or-nothing-", { devNull: true });
        writeFileSync(join(root, "sbin/apk"), FAKE_APK);
        chmodSync(join(root, "sbin/apk"), 0o755);
        writeFileSync(join(root, "etc/apk-unknown"), "nosuch\n");
      });
      t.afterAll(() => rmSync(root, { recursive: true, force: true }));
      t.it.each(APK_ALL_OR_NOTHING_FORMS.map((f) => [f.runs, f.passes] as const))(
        "%j",
        (runs, expected) => {
          t.expect({ runs, busybox: buildPasses(root, runs) }).toEqual({ runs, busybox: expected });
          t.expect({ runs, read: passes(runs) }).toEqual({ runs, read: expected });
        },
      );
    },
  );
}
