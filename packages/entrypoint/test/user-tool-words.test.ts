import { afterEach, describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { makeRoot, skipReason, type TestRoot } from "./support/roots.js";

const groupNameColumns = (script: string) =>
  rewriteEntrypoint(script)
    .warnings.filter((w) => w.rule === "group-name")
    .map((w) => `${w.line}:${w.column}`);

describe("group-name warnings on user tools: only where they take a group", () => {
  it("a login named like the group is not warned as a group", () => {
    const script = [
      "#!/bin/sh",
      'groupadd -g "$PGID" app',
      'useradd -u "$PUID" -g app app',
      'usermod -o -u "$PUID" app',
      "userdel app",
      "",
    ].join("\n");
    // Only `-g app` on line 3 (column 23); not the login on lines 3, 4 or 5.
    expect(groupNameColumns(script)).toEqual(["3:23"]);
  });

  it("adduser: --ingroup and -G are groups, the new login is not; USER GROUP names a group", () => {
    const script = [
      "#!/bin/sh",
      "groupadd -g 1000 data",
      "adduser --system --ingroup data data",
      "adduser -D -G data -h /srv -s /bin/sh data",
      "adduser svc data",
      "deluser data data",
      "gpasswd -a data data",
      "",
    ].join("\n");
    // Lines 5 and 7 are rewritten to the shims (the group named by GID there): no warning left.
    expect(groupNameColumns(script)).toEqual(["3:28", "4:15", "6:14"]);
  });

  it("comma lists, clustered and inline values: each names the group once", () => {
    // Calls the shims do not cover (-s with -aG, -m), so they are left and warned about.
    const script = [
      "#!/bin/sh",
      "groupadd -g 1000 data",
      "usermod -s /bin/sh -aG wheel,data data",
      "useradd -m -u 1001 -gdata -d /srv -s /bin/sh data",
      "useradd -m -u 1002 --gid=data -d /srv -s /bin/sh data",
      "",
    ].join("\n");
    expect(groupNameColumns(script)).toEqual(["3:24", "4:20", "5:20"]);
  });

  it("other commands keep looking at every word", () => {
    const script = ["#!/bin/sh", "groupadd -g 1000 data", "chown -R root:data /srv", ""].join("\n");
    expect(rewriteEntrypoint(script).output).toContain("chown -R root:1000 /srv");
  });
});

// Debian adduser/addgroup options next to what busybox accepts: each refused one is a lint
// error, and with the musl busybox built with Alpine's options it must really be refused.
const REFUSED: Array<[string, string]> = [
  ["adduser --system --gid 1000 --no-create-home svc", "--gid"],
  ["adduser --system --group svc", "--group"],
  ["adduser --disabled-login svc", "--disabled-login"],
  ["adduser --quiet -D svc", "--quiet"],
  ["adduser -D --comment Service svc", "--comment"],
  ["adduser -D --firstuid 100 svc", "--firstuid"],
  ["addgroup --quiet --system svcgrp", "--quiet"],
];
const ACCEPTED = [
  "adduser --system --uid 1001 --ingroup users --no-create-home svc",
  "adduser --disabled-password --gecos Service --home /srv --shell /sbin/nologin svc",
  "addgroup --system --gid 1500 svcgrp",
];

describe("lint: Debian-only adduser/addgroup options", () => {
  it.each(REFUSED)("%s is an error naming %s", (line, option) => {
    const found = lintEntrypoint(`#!/bin/sh\n${line}\n`).filter((f) => f.rule === "gnu-option");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", line: 2 });
    expect(found[0]!.message).toContain(`has no ${option}`);
  });

  it.each(ACCEPTED)("%s is accepted by busybox too: no option finding", (line) => {
    expect(lintEntrypoint(`#!/bin/sh\n${line}\n`).map((f) => f.rule)).not.toContain("gnu-option");
  });

  const reason = skipReason("busybox");
  describe.skipIf(reason !== undefined)("against the musl busybox", () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
    });

    it("refuses each flagged option and accepts the others", async () => {
      root = await makeRoot("busybox");
      for (const [line, option] of REFUSED) {
        const r = await root.exec(["/bin/sh", "-c", line]);
        expect(r.code, line).not.toBe(0);
        expect(r.stderr, line).toContain(`unrecognized option: ${option.slice(2)}`);
      }
      for (const line of ACCEPTED) {
        const r = await root.exec(["/bin/sh", "-c", `${line} && deluser svc 2>/dev/null; true`]);
        expect(r.stderr, line).not.toContain("unrecognized option");
      }
    });
  });
});
