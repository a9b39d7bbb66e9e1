import { afterEach, describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { makeRoot, type RootKind, skipReason, type TestRoot } from "./support/roots.js";

const body = (out: string) => out.split("\n").slice(3).join("\n");

describe("commands named by path or behind wrappers", () => {
  it("rewrites absolute paths and `command` like the bare names", () => {
    const r = rewriteEntrypoint(
      "#!/bin/sh\nexec /usr/sbin/groupadd -g 5 x\n/usr/sbin/usermod -aG docker app\ncommand useradd -u 7 -g x -d /h -s /bin/sh u\nexec /usr/local/bin/gosu app cmd2\n",
    );
    expect(body(r.output)).toBe(
      [
        "alpinize_ensure_group x 5 >/dev/null",
        "alpinize_add_user_to_group app docker >/dev/null",
        "alpinize_ensure_user u 7 5 /h /bin/sh",
        "{ alpinize_exec_as app cmd2 || exit; }",
        "",
      ].join("\n"),
    );
  });

  it("keeps `command -v gosu` (a question, not a run)", () => {
    const r = rewriteEntrypoint("if command -v gosu >/dev/null; then exec gosu app x; fi\n");
    expect(r.output).toContain("if command -v gosu >/dev/null; then { alpinize_exec_as app x");
  });

  it("rewrites gosu inside $( ), where it runs in a subshell anyway (never as `$((`)", () => {
    const r = rewriteEntrypoint("x=$(gosu app whoami)\ny=`gosu app id`\nz=$(a; gosu app b)\n");
    expect(r.output).toContain(
      "x=$( (alpinize_exec_as app whoami))\ny=` (alpinize_exec_as app id)`\nz=$(a; (alpinize_exec_as app b))\n",
    );
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ["exec env HOME=/x gosu app cmd3", "gosu", "env"],
    ["nohup gosu app cmd4 &", "gosu", "nohup"],
    ["timeout 5 gosu app cmd5", "gosu", "timeout"],
    ["timeout -s KILL 5 /usr/sbin/groupadd -g 5 x", "groupadd", "timeout"],
    ["nice -n 5 usermod -aG docker app", "usermod-append", "nice"],
    ["exec tini -- gosu nobody true", "gosu", "tini"],
    ["exec dumb-init gosu nobody true", "gosu", "dumb-init"],
  ])("leaves %j, warning with the bare form's rule", (line, rule, wrapper) => {
    const r = rewriteEntrypoint(`${line}\n`);
    expect(r.output).toBe(`${line}\n`);
    expect(r.warnings).toEqual([
      expect.objectContaining({ rule, message: expect.stringContaining(`behind ${wrapper}`) }),
    ]);
  });

  it("lints paths and wrapped commands with the bare names' rules", () => {
    const text = [
      "#!/bin/sh",
      "exec /usr/local/bin/gosu app cmd2",
      "exec env HOME=/x gosu app cmd3",
      "nohup gosu app cmd4 &",
      "timeout 5 gosu app cmd5",
      "exec /usr/sbin/groupadd -g 5 x",
      "/usr/sbin/usermod -aG docker app",
      "command getent group x",
      "",
    ].join("\n");
    const found = lintEntrypoint(text).map((f) => `${f.line}:${f.column} ${f.rule}`);
    expect(found).toEqual([
      "2:6 gosu",
      "3:18 gosu",
      "4:7 gosu",
      "5:11 gosu",
      "6:6 shadow-tool",
      "6:28 alpine-id",
      "7:1 shadow-tool",
      // The group x made with GID 5 above, looked up by name: the rewrite warns there too.
      "8:22 group-name",
    ]);
  });

  it("keeps the sudo rule for sudo", () => {
    const found = lintEntrypoint("sudo groupadd -g 5 x\n").map((f) => f.rule);
    expect(found).toEqual(["sudo"]);
  });
});

// The rewritten script runs under busybox ash and Debian's dash, with gosu in both roots.
const kinds: RootKind[] = ["busybox", "debian"];
for (const kind of kinds) {
  const reason = skipReason(kind);
  describe.skipIf(reason !== undefined)(`rewritten paths and substitutions on ${kind}`, () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
    });

    it("creates the group by path and reads the user's id through $( )", async () => {
      root = await makeRoot(kind, { gosu: true });
      const script = [
        "#!/bin/sh",
        "set -eu",
        "/usr/sbin/groupadd -g 4100 app",
        "command useradd -u 4100 -g app -d /app -s /bin/sh app",
        "x=$(gosu app id -u)",
        "y=`/usr/sbin/gosu app id -g`",
        'echo "$x $y"',
        "",
      ].join("\n");
      const out = rewriteEntrypoint(script).output.replace(
        /^\. .*$/m,
        ". /usr/local/lib/alpinize-shims.sh",
      );
      await root.write("entry.sh", out);
      const run = await root.exec(["/bin/sh", "/entry.sh"]);
      expect(run.stderr).toBe("");
      expect(run).toMatchObject({ code: 0, stdout: "4100 4100\n" });
    });
  });
}
