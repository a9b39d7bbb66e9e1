import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeRoot, type RootKind, skipReason, type TestRoot } from "./support/roots.js";

// Every scenario runs on both systems: the musl busybox with Alpine's /etc files, and Debian's
// shadow tools in a debootstrap minbase root. Nothing is mocked; each test gets a fresh root.
const kinds: RootKind[] = ["busybox", "debian"];

function groupLine(group: string, name: string): string | undefined {
  return group.split("\n").find((l) => l.startsWith(`${name}:`));
}

for (const kind of kinds) {
  const reason = skipReason(kind);
  describe.skipIf(reason !== undefined)(
    `shims on ${kind}${reason ? ` (skipped: ${reason})` : ""}`,
    () => {
      let root: TestRoot;
      beforeEach(async () => {
        root = await makeRoot(kind);
      });
      afterEach(async () => {
        await root?.remove();
      });

      const addCharon = async () => {
        const r = await root.sh(
          'g=$(alpinize_ensure_group charon 1000)\nalpinize_ensure_user charon 1000 "$g" /app /sbin/nologin',
        );
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
      };

      it("detects its own backend", async () => {
        const r = await root.sh("_alpinize_backend");
        expect(r.stdout.trim()).toBe(kind === "busybox" ? "busybox" : "shadow");
      });

      it("reuses the group that already holds the GID", async () => {
        const before = await root.read("etc/group");
        const r = await root.sh("alpinize_ensure_group docker 100");
        expect(r).toMatchObject({ code: 0, stdout: "users\n" });
        expect(await root.read("etc/group")).toBe(before);
        const strict = await root.sh("alpinize_ensure_group docker 100 --strict");
        expect(strict.code).toBe(4);
        expect(strict.stderr).toContain("GID 100 is held by group 'users'");
        if (kind === "busybox") {
          // Alpine's ping group holds 999, the usual host docker-socket GID.
          expect((await root.sh("alpinize_ensure_group docker 999")).stdout).toBe("ping\n");
        }
      });

      it("creates a distinct name when NAME is held with another GID", async () => {
        const r = await root.sh("alpinize_ensure_group users 4321");
        expect(r).toMatchObject({ code: 0, stdout: "users4321\n" });
        expect(r.stderr).toContain("group 'users' has GID 100; creating 'users4321'");
        const again = await root.sh("alpinize_ensure_group users 4321");
        expect(again).toMatchObject({ code: 0, stdout: "users4321\n", stderr: "" });
        const group = await root.read("etc/group");
        expect(groupLine(group, "users4321")).toBe("users4321:x:4321:");
        expect(group.match(/^users4321:/gm)).toHaveLength(1);
        expect(groupLine(group, "users")).toMatch(/^users:x:100:/);
        const strict = await root.sh("alpinize_ensure_group users 4322 --strict");
        expect(strict.code).toBe(3);
        expect(await root.read("etc/group")).toBe(group);
      });

      it("creates a user with no password, no home and the given shell", async () => {
        await addCharon();
        const passwd = await root.read("etc/passwd");
        const line = passwd.split("\n").find((l) => l.startsWith("charon:"));
        const f = line?.split(":") ?? [];
        expect([f[2], f[3], f[5], f[6]]).toEqual(["1000", "1000", "/app", "/sbin/nologin"]);
        const shadow = await root.read("etc/shadow");
        expect(shadow).toMatch(/^charon:[!*]/m);
        expect((await root.sh("[ -e /app ] || echo absent")).stdout).toBe("absent\n");
        const again = await root.sh("alpinize_ensure_user charon 1000 charon /app /sbin/nologin");
        expect(again).toMatchObject({ code: 0, stderr: "" });
        expect(await root.read("etc/passwd")).toBe(passwd);
      });

      it("refuses a UID held by another user, and a user with another UID", async () => {
        await root.sh("alpinize_ensure_group app 4000");
        const before = await root.read("etc/passwd");
        const held = await root.sh("alpinize_ensure_user app 65534 app /app /bin/sh");
        expect(held.code).toBe(4);
        expect(held.stderr).toContain("UID 65534 is held by user 'nobody'");
        const other = await root.sh("alpinize_ensure_user nobody 4001 app /app /bin/sh");
        expect(other.code).toBe(3);
        expect(other.stderr).toContain("user 'nobody' exists with UID 65534, not 4001");
        expect(await root.read("etc/passwd")).toBe(before);
      });

      it("adds a member once and then reports unchanged", async () => {
        await addCharon();
        const first = await root.sh("alpinize_add_user_to_group charon users");
        expect(first).toMatchObject({ code: 0, stdout: "changed\n" });
        const group = await root.read("etc/group");
        expect(groupLine(group, "users")).toMatch(/^users:x:100:(.*,)?charon$/);
        const second = await root.sh("alpinize_add_user_to_group charon users");
        expect(second).toMatchObject({ code: 0, stdout: "unchanged\n" });
        expect(await root.read("etc/group")).toBe(group);
        // The primary group counts as membership: nothing is written.
        const primary = await root.sh("alpinize_add_user_to_group charon charon");
        expect(primary).toMatchObject({ code: 0, stdout: "unchanged\n" });
        expect(await root.read("etc/group")).toBe(group);
        expect((await root.sh("alpinize_user_in_group charon users")).code).toBe(0);
        expect((await root.sh("alpinize_user_in_group charon adm")).code).toBe(1);
      });

      it("accepts a GID where a group name is expected", async () => {
        await addCharon();
        const r = await root.sh("alpinize_add_user_to_group charon 100");
        expect(r).toMatchObject({ code: 0, stdout: "changed\n" });
        expect((await root.sh("alpinize_user_in_group charon users")).code).toBe(0);
        const user = await root.sh("alpinize_ensure_user app2 1001 100 /srv /bin/sh");
        expect(user.code).toBe(0);
        expect(await root.read("etc/passwd")).toMatch(/^app2:x:1001:100:[^:]*:\/srv:\/bin\/sh$/m);
        const unknown = await root.sh("alpinize_add_user_to_group charon 4444");
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("no group has GID 4444");
      });

      it("refuses GID 0 (root's group) unless --allow-root-gid", async () => {
        // A docker socket owned by root:root gives GID 0; the rewritten entrypoint then passes it
        // here after alpinize_ensure_group refused it, and must not put the app user in root.
        await addCharon();
        const group = await root.read("etc/group");
        const r = await root.sh("alpinize_add_user_to_group charon 0");
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("refusing GID 0 (root's group)");
        expect(await root.read("etc/group")).toBe(group);
        const bad = await root.sh("alpinize_add_user_to_group charon 0 --bogus");
        expect(bad.code).toBe(2);
        const allowed = await root.sh("alpinize_add_user_to_group charon 0 --allow-root-gid");
        expect(allowed).toMatchObject({ code: 0, stdout: "changed\n" });
        expect((await root.sh("alpinize_user_in_group charon root")).code).toBe(0);
      });

      it("copes with trailing commas, blank lines and comments in /etc/group", async () => {
        await addCharon();
        const extra = "\n# a comment\n#docker:x:998:charon\nextra:x:4500:bob,\n\n";
        await root.write("etc/group", `${await root.read("etc/group")}${extra}`);
        if (kind === "debian") {
          const gs = await root.read("etc/gshadow");
          await root.write("etc/gshadow", `${gs}extra:!::bob,\n`);
        }
        const lookup = await root.sh("alpinize_group_name_for_gid 998");
        expect(lookup.code).toBe(1);
        const add = await root.sh("alpinize_add_user_to_group charon extra");
        expect(add).toMatchObject({ code: 0, stdout: "changed\n" });
        const group = await root.read("etc/group");
        expect(groupLine(group, "extra")).toBe("extra:x:4500:bob,charon");
        expect(group).toContain("\n# a comment\n#docker:x:998:charon\n");
        expect(group).toMatch(/\n\n# a comment/);
        if (kind === "debian") {
          expect(await root.read("etc/gshadow")).toMatch(/^extra:!::bob,charon$/m);
        }
        const again = await root.sh("alpinize_add_user_to_group charon extra");
        expect(again.stdout).toBe("unchanged\n");
        // A commented-out entry does not hold its GID.
        const docker = await root.sh("alpinize_ensure_group docker 998");
        expect(docker).toMatchObject({ code: 0, stdout: "docker\n" });
        expect(await root.read("etc/group")).toContain("#docker:x:998:charon\n");
      });

      it("works without getent", async () => {
        const bare = kind === "busybox" ? root : await makeRoot(kind, { getent: false });
        try {
          expect((await bare.sh("command -v getent || echo none")).stdout).toBe("none\n");
          expect((await bare.sh("alpinize_group_name_for_gid 0")).stdout).toBe("root\n");
          expect((await bare.sh("alpinize_ensure_group docker 100")).stdout).toBe("users\n");
          const r = await bare.sh(
            [
              "alpinize_ensure_group sock 4600",
              "alpinize_ensure_group charon 1000 >/dev/null",
              "alpinize_ensure_user charon 1000 charon /app /sbin/nologin",
              "alpinize_add_user_to_group charon 4600",
              "alpinize_user_in_group charon sock && echo member",
            ].join("\n"),
          );
          expect(r).toMatchObject({ code: 0, stdout: "sock\nchanged\nmember\n" });
        } finally {
          if (bare !== root) await bare.remove();
        }
      });

      it("lets a non-root caller look up but not change anything", async () => {
        const group = await root.read("etc/group");
        const nobody = { user: "65534:65534" };
        const lookup = await root.sh("alpinize_ensure_group docker 100", nobody);
        expect(lookup).toMatchObject({ code: 0, stdout: "users\n" });
        const create = await root.sh("alpinize_ensure_group docker 4700", nobody);
        expect(create.code).toBe(5);
        expect(create.stderr).toContain("needs root");
        expect((await root.sh("alpinize_add_user_to_group nobody users", nobody)).code).toBe(5);
        expect((await root.sh("alpinize_ensure_user x 4701 users /x /bin/sh", nobody)).code).toBe(
          5,
        );
        const exec = await root.sh("alpinize_exec_as root id -u", nobody);
        expect(exec).toMatchObject({ code: 0, stdout: "65534\n" });
        expect(exec.stderr).toContain("not root: running id as 'nobody', not 'root'");
        const self = await root.sh("alpinize_exec_as nobody id -u", nobody);
        expect(self).toMatchObject({ code: 0, stdout: "65534\n", stderr: "" });
        expect(await root.read("etc/group")).toBe(group);
      });

      it("edits the files directly when told to, keeping group, gshadow and shadow in step", async () => {
        const env = { ALPINIZE_BACKEND: "files" };
        const r = await root.sh(
          [
            "alpinize_ensure_group charon 1000",
            "alpinize_ensure_user charon 1000 charon /app /sbin/nologin",
            "alpinize_add_user_to_group charon users",
            "alpinize_add_user_to_group charon users",
            "alpinize_user_in_group charon users && echo member",
          ].join("\n"),
          { env },
        );
        expect(r).toMatchObject({ code: 0, stdout: "charon\nchanged\nunchanged\nmember\n" });
        expect(await root.read("etc/passwd")).toMatch(
          /^charon:x:1000:1000::\/app:\/sbin\/nologin$/m,
        );
        expect(await root.read("etc/shadow")).toMatch(/^charon:!:/m);
        if (kind === "debian") {
          expect(await root.read("etc/gshadow")).toMatch(/^charon:!::$/m);
          expect(await root.read("etc/gshadow")).toMatch(/^users:[^:]*:[^:]*:(.*,)?charon$/m);
          // Debian's own checkers agree that the files are consistent.
          // (pwck also flags the missing home directories, which are intended here).
          const check = await root.sh(
            "grpck -r && echo groups-ok\npwck -r 2>&1 | grep -v -e 'does not exist' -e 'no changes' || echo passwd-ok",
          );
          expect(check).toMatchObject({ stdout: "groups-ok\npasswd-ok\n", stderr: "" });
        }
      });

      it("creates groups with IDs up to 4294967294, past busybox's LAST_ID", async () => {
        const r = await root.sh(
          "alpinize_ensure_group big 3000000000\nalpinize_ensure_group big 3000000000",
        );
        expect(r).toMatchObject({ code: 0, stdout: "big\nbig\n" });
        expect(groupLine(await root.read("etc/group"), "big")).toBe("big:x:3000000000:");
        if (kind === "busybox") expect(r.stderr).toContain("busybox addgroup refused 'big'");
      });

      it("creates users with IDs up to 4294967294, past busybox's LAST_ID", async () => {
        const add = "alpinize_ensure_user bigu 3000000000 users /srv /bin/sh";
        const r = await root.sh(`${add}\n${add}`);
        expect(r.code).toBe(0);
        const passwd = await root.read("etc/passwd");
        expect(passwd.match(/^bigu:/gm)).toHaveLength(1);
        expect(passwd).toMatch(/^bigu:x:3000000000:100:[^:]*:\/srv:\/bin\/sh$/m);
        if (kind === "busybox") expect(r.stderr).toContain("busybox adduser refused 'bigu'");
      });

      it("works when the caller sets -o pipefail", async () => {
        // Debian's sh (dash) has no pipefail; bash is in every Debian root.
        const shell = kind === "busybox" ? "/bin/sh" : "/bin/bash";
        const flow = [
          "set -euo pipefail",
          ". /usr/local/lib/alpinize-shims.sh",
          "_alpinize_backend",
          "alpinize_ensure_group charon 1000",
          "alpinize_ensure_user charon 1000 charon /app /sbin/nologin",
          "alpinize_add_user_to_group charon 100",
          "alpinize_getent group users | cut -d: -f1",
        ].join("\n");
        const r = await root.exec([shell, "-c", flow]);
        const backend = kind === "busybox" ? "busybox" : "shadow";
        expect(r).toMatchObject({ code: 0, stdout: `${backend}\ncharon\nchanged\nusers\n` });
      });

      it("refuses names and IDs that one of the systems would reject or misread", async () => {
        const group = await root.read("etc/group");
        const passwd = await root.read("etc/passwd");
        const badNames = [
          "a b",
          "-x",
          ".x",
          "x:y",
          "../x",
          "1234",
          "a$b",
          "x".repeat(33),
          "ä",
          "a\nb",
          "",
        ];
        for (const bad of badNames) {
          const env = { BAD: bad };
          const r = await root.sh(
            [
              'rc=0; alpinize_ensure_group "$BAD" 4800 || rc=$?; echo "$rc"',
              'rc=0; alpinize_ensure_user "$BAD" 4800 users /x /bin/sh || rc=$?; echo "$rc"',
              'rc=0; alpinize_add_user_to_group "$BAD" users || rc=$?; echo "$rc"',
              'rc=0; (alpinize_exec_as "$BAD" true) || rc=$?; echo "$rc"',
            ].join("\n"),
            { env },
          );
          // alpinize_exec_as takes gosu's USER:GROUP and UID forms: "x:y" is an unknown user, and
          // "1234" a UID that needs no passwd entry, so `true` runs (setpriv on Debian; this
          // busybox root has no tool to switch with: 5).
          const exec = bad !== "1234" ? "2" : kind === "busybox" ? "5" : "0";
          expect(r.stdout, JSON.stringify(bad)).toBe(`2\n2\n2\n${exec}\n`);
          expect(r.stderr).toContain("invalid");
        }
        for (const bad of ["-1", "01", "4294967295", "1e3", "", " 5"]) {
          const r = await root.sh(
            'rc=0; alpinize_ensure_group okname "$BAD" || rc=$?; echo "$rc"',
            {
              env: { BAD: bad },
            },
          );
          expect(r.stdout, JSON.stringify(bad)).toBe("2\n");
        }
        const zero = await root.sh("alpinize_ensure_group okname 0");
        expect(zero.code).toBe(2);
        expect(zero.stderr).toContain("--allow-root-gid");
        expect(await root.read("etc/group")).toBe(group);
        expect(await root.read("etc/passwd")).toBe(passwd);
      });
    },
  );
}
