import { chmod } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, rewriteEntrypoint } from "../src/index.js";
import { makeRoot, type RootOptions, skipReason, type TestRoot } from "./support/roots.js";

// alpinize_exec_as with gosu's and su-exec's user forms (USER, USER:GROUP, UID, UID:GID), run by
// each privilege-dropping tool the roots have. The credentials are read from /proc/self/status
// of the command itself, and the caller holds an extra group (4444, as `docker run --group-add`)
// that must never reach it. No real su-exec can be installed offline, so its branch is checked
// only for the arguments it gets, with a fake that prints them.
const tools: { name: string; kind: "busybox" | "debian"; opts: RootOptions }[] = [
  { name: "busybox + gosu", kind: "busybox", opts: { gosu: true } },
  { name: "debian + gosu", kind: "debian", opts: {} },
  { name: "debian + setpriv", kind: "debian", opts: { gosu: false } },
];

const PROBE = `#!/bin/sh\ngrep -E '^(Uid|Gid|Groups):' /proc/self/status\necho "HOME=$HOME"\n`;
const SETUP = [
  "alpinize_ensure_group charon 1000 >/dev/null",
  "alpinize_ensure_user charon 1000 charon /app /sbin/nologin",
  "alpinize_add_user_to_group charon users >/dev/null",
  "alpinize_ensure_group web 2000 >/dev/null",
].join("\n");

interface Creds {
  uid: string;
  gid: string;
  /** The GID and the supplementary groups, as `id -G` counts them. */
  groups: string;
  home: string;
}

// What gosu and su-exec give each form: a user (by name or by a UID with a passwd entry) brings
// its primary group and its groups from the files; a group replaces both; a UID without an
// entry keeps the caller's GID 0 and gets no groups.
const FORMS: [string, Creds][] = [
  ["charon", { uid: "1000", gid: "1000", groups: "100 1000", home: "/app" }],
  ["charon:", { uid: "1000", gid: "1000", groups: "100 1000", home: "/app" }],
  ["charon:web", { uid: "1000", gid: "2000", groups: "2000", home: "/app" }],
  ["charon:3000", { uid: "1000", gid: "3000", groups: "3000", home: "/app" }],
  ["1000", { uid: "1000", gid: "1000", groups: "100 1000", home: "/app" }],
  ["1000:2000", { uid: "1000", gid: "2000", groups: "2000", home: "/app" }],
  ["4242", { uid: "4242", gid: "0", groups: "0", home: "/" }],
  ["4242:4343", { uid: "4242", gid: "4343", groups: "4343", home: "/" }],
  ["4242:web", { uid: "4242", gid: "2000", groups: "2000", home: "/" }],
];

/** Reads the probe's output; real, effective, saved and filesystem IDs must agree. */
function creds(stdout: string): Creds {
  const field = (key: string) =>
    (stdout.match(new RegExp(`^${key}:(.*)$`, "m"))?.[1] ?? "").trim().split(/\s+/).filter(Boolean);
  const one = (key: string) => {
    const ids = new Set(field(key));
    expect(ids.size, `${key} fields of ${stdout}`).toBe(1);
    return [...ids][0]!;
  };
  const gid = one("Gid");
  const groups = [...new Set([gid, ...field("Groups")])].sort((a, b) => Number(a) - Number(b));
  const home = stdout.match(/^HOME=(.*)$/m)?.[1] ?? "";
  return { uid: one("Uid"), gid, groups: groups.join(" "), home };
}

async function withProbe(root: TestRoot): Promise<void> {
  await root.write("probe", PROBE);
  await chmod(join(root.dir, "probe"), 0o755);
}

for (const t of tools) {
  const reason = skipReason(t.kind);
  describe.skipIf(reason !== undefined)(
    `alpinize_exec_as USER[:GROUP] on ${t.name}${reason ? ` (skipped: ${reason})` : ""}`,
    () => {
      let root: TestRoot;
      beforeAll(async () => {
        root = await makeRoot(t.kind, t.opts);
        await withProbe(root);
        const r = await root.sh(SETUP);
        expect(r, r.stderr).toMatchObject({ code: 0, stderr: "" });
      });
      afterAll(async () => {
        await root?.remove();
      });

      it.each(FORMS)("%s runs the command with gosu's IDs and groups", async (spec, want) => {
        const r = await root.sh(`alpinize_exec_as '${spec}' /probe`, {
          groups: "4444",
          env: { HOME: "/root" },
        });
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        expect(creds(r.stdout)).toEqual(want);
      });

      it("as a non-root caller runs the command as that caller, saying so unless the form names it", async () => {
        const nobody = { user: "65534:65534" };
        const self = await root.sh("alpinize_exec_as 65534:65534 id -u", nobody);
        expect(self).toMatchObject({ code: 0, stdout: "65534\n", stderr: "" });
        const other = await root.sh("alpinize_exec_as 1000:2000 id -u", nobody);
        expect(other).toMatchObject({ code: 0, stdout: "65534\n" });
        expect(other.stderr).toMatch(/not root: running id as '\w+', not '1000:2000'/);
      });

      it("refuses an unknown user or group and a malformed form, without running the command", async () => {
        for (const [spec, message] of [
          ["ghost:web", "user 'ghost' does not exist"],
          ["charon:nosuch", "group 'nosuch' does not exist"],
          [
            "charon:web:x",
            "invalid user 'charon:web:x': expected USER, USER:GROUP, UID or UID:GID",
          ],
          [":web", "invalid user ':web'"],
          ["01000", "invalid user '01000'"],
        ] as const) {
          const r = await root.sh(`alpinize_exec_as '${spec}' echo ran || echo "rc=$?"`);
          expect(r.stdout, spec).toBe("rc=2\n");
          expect(r.stderr).toContain(message);
        }
      });
    },
  );
}

const bbReason = skipReason("busybox");
describe.skipIf(bbReason !== undefined)(
  `alpinize_exec_as with a fake su-exec that prints its arguments${bbReason ? ` (skipped: ${bbReason})` : ""}`,
  () => {
    it("hands su-exec (ahead of gosu) the form as written, without a trailing colon", async () => {
      const root = await makeRoot("busybox", { gosu: true });
      try {
        await root.write("usr/bin/su-exec", '#!/bin/sh\necho "fake su-exec: $*"\n');
        await chmod(join(root.dir, "usr/bin/su-exec"), 0o755);
        const r = await root.sh(
          [
            SETUP,
            "(alpinize_exec_as charon: id -u)",
            "(alpinize_exec_as 4242:web id -u)",
            "(alpinize_exec_as 1000:3000 id -u)",
          ].join("\n"),
        );
        expect(r.stderr).toBe("");
        expect(r.stdout).toBe(
          "fake su-exec: charon id -u\nfake su-exec: 4242:web id -u\nfake su-exec: 1000:3000 id -u\n",
        );
      } finally {
        await root.remove();
      }
    });
  },
);

// The end-to-end case: an entrypoint written for Debian's gosu, rewritten with the shims inlined
// (as `alpinize migrate` does), in an image that has no gosu (setpriv takes over on Debian) and
// in the busybox root with gosu.
const ENTRYPOINT = [
  "#!/bin/sh",
  "set -e",
  "groupadd -g 2000 web",
  "groupadd -g 1000 charon",
  "useradd -u 1000 -g charon -d /app -s /usr/sbin/nologin -M charon",
  "usermod -aG users charon",
  "gosu charon:web /probe > /tmp/first",
  'exec gosu 1000 "$@"',
  "",
].join("\n");

for (const t of [tools[0]!, tools[2]!]) {
  const reason = skipReason(t.kind);
  describe.skipIf(reason !== undefined)(
    `a rewritten gosu USER:GROUP / UID entrypoint on ${t.name}${reason ? ` (skipped: ${reason})` : ""}`,
    () => {
      it("runs each command with the IDs gosu would give, with nothing left to fix", async () => {
        const rewritten = rewriteEntrypoint(ENTRYPOINT, { shimSource: "inline" });
        expect(rewritten.warnings).toEqual([]);
        expect(findingsLeftAfterRewrite(ENTRYPOINT, rewritten)).toEqual([]);
        const root = await makeRoot(t.kind, t.opts);
        try {
          await withProbe(root);
          await root.write("entrypoint.sh", ENTRYPOINT);
          await chmod(join(root.dir, "entrypoint.sh"), 0o755);
          if (t.opts.gosu === false) {
            // The original needs the gosu the image no longer has.
            const before = await root.exec(["/entrypoint.sh", "/probe"]);
            expect(before.code).toBe(127);
            expect(before.stderr).toContain("gosu: not found");
          }
          await root.write("entrypoint.sh", rewritten.output);
          const r = await root.exec(["/entrypoint.sh", "/probe"], { groups: "4444" });
          expect(r.stderr).toBe("");
          expect(r.code).toBe(0);
          expect(creds(r.stdout)).toEqual({
            uid: "1000",
            gid: "1000",
            groups: "100 1000",
            home: "/app",
          });
          expect(creds(await root.read("tmp/first"))).toEqual({
            uid: "1000",
            gid: "2000",
            groups: "2000",
            home: "/app",
          });
        } finally {
          await root.remove();
        }
      });
    },
  );
}
