import { chmod } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";
import { makeRoot, type RootOptions, skipReason, type TestRoot } from "./support/roots.js";

// Entrypoints that switch users with util-linux runuser and setpriv, run as written on Debian
// (where both exist) and rewritten on the busybox root (gosu) and on Debian without gosu (the
// shim falls back to util-linux setpriv): the command must get the IDs, groups and no_new_privs
// the original gave it, and `exec` must keep ending the script. The caller holds an extra group
// (4444, as `docker run --group-add`) that must not reach the command.
const PROBE = [
  "#!/bin/sh",
  "grep -E '^(Uid|Gid|Groups|NoNewPrivs):' /proc/self/status",
  'echo "HOME=$HOME"',
  'echo "ARGS=$*"',
  "",
].join("\n");
const SETUP = [
  "alpinize_ensure_group charon 1000 >/dev/null",
  "alpinize_ensure_user charon 1000 charon /app /sbin/nologin",
  "alpinize_add_user_to_group charon users >/dev/null",
  "alpinize_ensure_group web 2000 >/dev/null",
  // runuser USER -c runs the user's login shell: this one has a real one.
  "alpinize_ensure_user dev 1001 charon /dev-home /bin/sh",
].join("\n");

/** One switch per script; `after` shows whether the script went on. */
const FORMS = [
  "runuser -u charon -- /probe a b",
  "exec runuser -u charon -- /probe a b",
  "runuser -u charon -g web -- /probe",
  "runuser --user=charon -G web -- /probe",
  'runuser dev -c \'/probe "$0" "$1"\' x y',
  "runuser -g web dev -c /probe",
  "exec setpriv --reuid=charon --regid=charon --init-groups /probe",
  "setpriv --reuid charon --regid web --clear-groups -- /probe",
  "setpriv --reuid=1000 --regid=2000 --clear-groups /probe",
  "setpriv --reuid=4242 --clear-groups /probe",
  "setpriv --reuid=charon --regid=charon --init-groups --nnp /probe",
  'x=$(runuser -u charon -- /probe); echo "$x"',
];

const script = (form: string) => `#!/bin/sh\nset -e\n${form}\necho after\n`;

/**
 * The probe's lines with HOME apart (runuser sets it, setpriv keeps the caller's) and the GID
 * counted among the groups, as `id -G` counts it: su-exec and runuser -g list the one group as
 * supplementary, gosu and setpriv --clear-groups list none, and the command's access is the same.
 */
function outcome(stdout: string) {
  const lines = stdout.trim().split("\n");
  const gid = lines.find((l) => l.startsWith("Gid:"))?.split(/\s+/)[1];
  const groups = (l: string) => {
    const ids = new Set(
      [gid, ...l.split(/\s+/).slice(1)].filter((x) => x !== undefined && x !== ""),
    );
    return `Groups: ${[...ids].sort((a, b) => Number(a) - Number(b)).join(" ")}`;
  };
  return {
    creds: lines
      .filter((l) => !l.startsWith("HOME="))
      .map((l) => (l.startsWith("Groups:") ? groups(l) : l))
      .join("\n"),
    home: lines.find((l) => l.startsWith("HOME=")),
  };
}

async function runScript(root: TestRoot, text: string) {
  await root.write("form.sh", text);
  await chmod(join(root.dir, "form.sh"), 0o755);
  return root.exec(["/form.sh"], { groups: "4444", env: { HOME: "/root" } });
}

async function prepared(kind: "busybox" | "debian", opts: RootOptions): Promise<TestRoot> {
  const root = await makeRoot(kind, opts);
  await root.write("probe", PROBE);
  await chmod(join(root.dir, "probe"), 0o755);
  const r = await root.sh(SETUP);
  expect(r, r.stderr).toMatchObject({ code: 0, stderr: "" });
  return root;
}

const reasons = [skipReason("busybox"), skipReason("debian")].filter((r) => r !== undefined);
describe.skipIf(reasons.length > 0)(
  `runuser and setpriv rewritten to alpinize_exec_as${reasons.length > 0 ? ` (skipped: ${reasons[0]})` : ""}`,
  () => {
    let debian: TestRoot;
    let busybox: TestRoot;
    let debianSetpriv: TestRoot;
    beforeAll(async () => {
      debian = await prepared("debian", {});
      busybox = await prepared("busybox", { gosu: true });
      debianSetpriv = await prepared("debian", { gosu: false });
    });
    afterAll(async () => {
      await Promise.all([debian, busybox, debianSetpriv].map((r) => r?.remove()));
    });

    it.each(FORMS)("%s", async (form) => {
      const original = await runScript(debian, script(form));
      expect(original.stderr).toBe("");
      expect(original.code).toBe(0);
      const want = outcome(original.stdout);
      // The command ran as someone else, and exec still ends the script.
      expect(want.creds).not.toMatch(/^Uid:\s+0\s/m);
      expect(want.creds.endsWith("after")).toBe(!form.startsWith("exec "));
      expect(want.creds).toMatch(form.includes("--nnp") ? /NoNewPrivs:\s+1/ : /NoNewPrivs:\s+0/);
      if (form.includes("x y")) expect(want.creds).toContain("ARGS=x y");

      const onBusybox = await runScript(busybox, script(form));
      expect(onBusybox.code).not.toBe(0);
      expect(onBusybox.stderr).toMatch(/runuser: not found|setpriv: unrecognized option/);

      const rewritten = rewriteEntrypoint(script(form));
      expect(rewritten.warnings).toEqual([]);
      expect(rewritten.output).not.toMatch(/runuser|setpriv --reuid/);
      for (const root of [busybox, debianSetpriv]) {
        const r = await runScript(root, rewritten.output);
        expect(r.stderr, `${root.kind}: ${r.stderr}`).toBe("");
        expect(r.code).toBe(0);
        const got = outcome(r.stdout);
        expect(got.creds, root.kind).toBe(want.creds);
        // HOME: runuser sets the user's, as the shim does; setpriv kept the caller's.
        if (form.includes("runuser")) expect(got.home).toBe(want.home);
        else {
          expect(want.home).toBe("HOME=/root");
          expect(got.home).toBe(form.includes("4242") ? "HOME=/" : "HOME=/app");
        }
      }
    });

    it("ends the script when exec runuser cannot switch, as the failed exec did", async () => {
      const text = script("exec runuser -u ghost -- /probe");
      const original = await runScript(debian, text);
      expect(original.code).not.toBe(0);
      expect(original.stdout).toBe("");
      const r = await runScript(busybox, rewriteEntrypoint(text).output);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("user 'ghost' does not exist");
    });
  },
);
