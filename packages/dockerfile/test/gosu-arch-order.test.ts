import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { alpineRootSkipReason, makeAlpineRoot } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import { runBodies } from "./support/busybox-root.js";
import { left } from "./support/probe-root.js";

// A gosu download that computes the architecture before its install (tester finding, session
// 18): dpkg joined the later apk add, too late for the call, so migrate --check failed its own
// output. There the arch rule maps `apk --print-arch` back to Debian's names with sed instead.

const GOSU = [
  "FROM debian:bookworm-slim",
  "RUN set -eux; \\",
  "    dpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"; \\",
  "    apt-get update; apt-get install -y --no-install-recommends ca-certificates wget gnupg; \\",
  '    wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/1.17/gosu-$dpkgArch"; \\',
  '    wget -O /usr/local/bin/gosu.asc "https://github.com/tianon/gosu/releases/download/1.17/gosu-$dpkgArch.asc"; \\',
  '    export GNUPGHOME="$(mktemp -d)"; \\',
  "    gpg --batch --verify /usr/local/bin/gosu.asc /usr/local/bin/gosu; \\",
  "    chmod +x /usr/local/bin/gosu; gosu --version; gosu nobody true; \\",
  "    apt-get purge -y --auto-remove wget gnupg; rm -rf /var/lib/apt/lists/*",
  "",
].join("\n");

describe("rule 4 with gosu: the architecture computed before the install", () => {
  it("maps apk --print-arch back with sed and installs no dpkg, so --check passes", () => {
    const r = migrate(GOSU);
    expect(r.output).toContain(
      "dpkgArch=\"$(apk --print-arch | sed -e 's/^armhf$/armel/' -e 's/^armv7$/armhf/' -e 's/^x86_64$/amd64/'",
    );
    expect(r.output).toContain("apk add --no-cache ca-certificates wget gnupg;");
    expect(r.output).not.toMatch(/\bdpkg\b/);
    expect(r.packages.find((p) => p.debian === "dpkg")).toBeUndefined();
    expect(r.warnings.filter((w) => /dpkg/.test(w.message))).toEqual([]);
    expect(left(r.output)).toEqual([]);
  });

  it("rewrites the call an earlier migration left before its apk add of dpkg", () => {
    const broken = [
      "FROM alpine:3.23",
      "RUN set -eux; \\",
      "    dpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"; \\",
      "    apk add --no-cache dpkg wget; \\",
      '    wget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/1.17/gosu-$dpkgArch"',
      "",
    ].join("\n");
    expect(left(broken)).toEqual([3]);
    const r = migrate(broken);
    expect(r.output).toContain('dpkgArch="$(apk --print-arch | sed ');
    expect(left(r.output)).toEqual([]);
  });

  it("still keeps dpkg in the install when the architecture is computed after it", () => {
    const after = GOSU.replace(/( {4}dpkgArch=.*\n)( {4}apt-get update.*\n)/, "$2$1");
    const r = migrate(after);
    expect(r.output).toContain("apk add --no-cache dpkg ca-certificates wget gnupg;");
    expect(r.output).toContain(
      "dpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"",
    );
    expect(left(r.output)).toEqual([]);
  });
});

/** A stand-in apk: `--print-arch` prints what /etc/test-arch holds; add and del do nothing. */
const FAKE_APK = `#!/bin/sh
[ "$1" = --print-arch ] && exec cat /etc/test-arch
exit 0
`;
/** wget writes a program that exits 0 to -O FILE and logs the URL; nothing is fetched. */
const FAKE_WGET = `#!/bin/sh
[ "$1" = -O ] || exit 1
printf '#!/bin/sh\\nexit 0\\n' > "$2"
echo "$3" >> /tmp/urls
`;

describe.skipIf(alpineRootSkipReason() !== undefined)(
  "the migrated gosu download run by the musl busybox sh",
  () => {
    let root = "";
    beforeAll(() => {
      root = makeAlpineRoot("alpinize-gosu-arch-", { devNull: true });
      mkdirSync(join(root, "usr/local/bin"), { recursive: true });
      const tools: [string, string][] = [
        ["sbin/apk", FAKE_APK],
        ["usr/local/bin/wget", FAKE_WGET],
        ["usr/local/bin/gpg", "#!/bin/sh\nexit 0\n"],
      ];
      for (const [path, text] of tools) {
        writeFileSync(join(root, path), text);
        chmodSync(join(root, path), 0o755);
      }
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it.each([
      ["x86_64", "amd64"],
      ["aarch64", "arm64"],
      ["armv7", "armhf"],
      ["armhf", "armel"],
      ["x86", "i386"],
      ["ppc64le", "ppc64el"],
      ["loongarch64", "loong64"],
      ["riscv64", "riscv64"],
      ["s390x", "s390x"],
    ])("on %s fetches gosu-%s", (alpine, debian) => {
      writeFileSync(join(root, "etc/test-arch"), `${alpine}\n`);
      rmSync(join(root, "tmp/urls"), { force: true });
      const [body] = runBodies(migrate(GOSU).output);
      const r = spawnSync("chroot", [root, "/bin/sh", "-c", body!], {
        encoding: "utf8",
        env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" },
        timeout: 60_000,
        killSignal: "SIGKILL",
      });
      // set -x traces every command on stderr: only a missing program fails this.
      expect({ status: r.status, missing: /not found|can't/.test(r.stderr) }).toEqual({
        status: 0,
        missing: false,
      });
      const base = "https://github.com/tianon/gosu/releases/download/1.17/gosu-";
      expect(readFileSync(join(root, "tmp/urls"), "utf8")).toBe(
        `${base}${debian}\n${base}${debian}.asc\n`,
      );
    });
  },
);
