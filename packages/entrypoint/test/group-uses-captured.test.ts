// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell text, not templates
import { afterEach, describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { parses } from "./support/rewrite.js";
import { makeRoot, type RootKind, skipReason, type TestRoot } from "./support/roots.js";

/** The script's lines after the two the rewrite adds for the shims, from its first own line on. */
const lines = (out: string) => out.split("\n").slice(3);

// The tester's script: the group NAME used again inside `$( )` and backquotes.
const captured = [
  "#!/bin/sh",
  "groupadd -g 999 docker",
  "X=$(getent group docker)",
  "Y=`getent group docker`",
  'echo "$(getent group docker)"',
  "Z=$(chgrp docker /data)",
  "if getent group docker >/dev/null; then :; fi",
  "",
].join("\n");

describe("a group made with a GID, named again inside $( ) and backquotes", () => {
  it("is rewritten or warned about as the bare command is", () => {
    const r = rewriteEntrypoint(captured);
    expect(lines(r.output)).toEqual([
      "alpinize_ensure_group docker 999 >/dev/null",
      "X=$(getent group docker)",
      "Y=`getent group docker`",
      'echo "$(getent group docker)"',
      "Z=$(chgrp 999 /data)",
      "if getent group docker >/dev/null; then :; fi",
      "",
    ]);
    const named = (rule: string, list: Array<{ rule: string; line: number; column: number }>) =>
      list.filter((x) => x.rule === rule).map((x) => `${x.line}:${x.column}`);
    expect(named("group-name", r.warnings)).toEqual(["3:18", "4:17", "5:22", "7:17"]);
    expect(named("group-name", r.edits)).toEqual(["6:11"]);
    // The getent lookups stay as written: the lint reports them where the rewrite warns.
    const left = findingsLeftAfterRewrite(captured, r);
    expect(named("group-name", left)).toEqual(["3:18", "4:17", "5:22", "7:17"]);
    expect(named("group-name", lintEntrypoint(captured))).toEqual([
      "3:18",
      "4:17",
      "5:22",
      "6:11",
      "7:17",
    ]);
  });

  it("follows nested $( ), backquotes in double quotes and here-document bodies", () => {
    const text = [
      "#!/bin/sh",
      "groupadd -g 999 docker",
      "A=$(echo $(chgrp docker /a) $(getent group docker))",
      'B="`chgrp docker /b`"',
      "cat >/out <<END",
      "gid=$(getent group docker | cut -d: -f3)",
      "$(chown app:docker /c)",
      "`chgrp docker /d`",
      "END",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(text);
    expect(lines(r.output)).toEqual([
      "alpinize_ensure_group docker 999 >/dev/null",
      "A=$(echo $(chgrp 999 /a) $(getent group docker))",
      'B="`chgrp 999 /b`"',
      "cat >/out <<END",
      "gid=$(getent group docker | cut -d: -f3)",
      "$(chown app:999 /c)",
      "`chgrp 999 /d`",
      "END",
      "",
    ]);
    const warned = r.warnings.filter((w) => w.rule === "group-name");
    expect(warned.map((w) => `${w.line}:${w.column}`)).toEqual(["3:44", "6:20"]);
    const left = findingsLeftAfterRewrite(text, r).filter((f) => f.rule === "group-name");
    expect(left.map((f) => `${f.line}:${f.column}`)).toEqual(["3:44", "6:20"]);
  });

  it("uses the captured name where the GID may not hold, escaped as the quoting needs", () => {
    const text = [
      "#!/bin/sh",
      'if [ -n "$G" ]; then groupadd -g "$G" web; fi',
      "C=$(find / -group web)",
      'D="`chgrp web /e`"',
      "E=`chgrp web /f`",
      "F=$(su-exec app:web id)",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(text);
    expect(lines(r.output)).toEqual([
      'if [ -n "$G" ]; then alpinize_group_web=$(alpinize_ensure_group web "$G"); fi',
      'C=$(find / -group "${alpinize_group_web:-web}")',
      'D="`chgrp \\"${alpinize_group_web:-web}\\" /e`"',
      'E=`chgrp "${alpinize_group_web:-web}" /f`',
      'F=$(su-exec app:"${alpinize_group_web:-web}" id)',
      "",
    ]);
    // The capture prints the name into the variable: no >/dev/null to explain.
    const made = r.edits.find((e) => e.rule === "groupadd")!;
    expect(made.message).not.toContain(">/dev/null");
    parses(["dash"], r.output);
    expect(rewriteEntrypoint(r.output).output).toBe(r.output);
  });

  it("keeps an inner command's edit when the command around it is rewritten too", () => {
    const text = [
      "#!/bin/sh",
      'if [ -n "$G" ]; then groupadd -g "$G" docker; fi',
      "X=$(gosu app $(chgrp docker /y))",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(text);
    expect(lines(r.output)[1]).toBe(
      'X=$( (alpinize_exec_as app $(chgrp "${alpinize_group_docker:-docker}" /y)))',
    );
  });

  it("leaves a name in sh -c '…' as written, and warns at it, as on a line of its own", () => {
    const text = "groupadd -g 999 docker\nX=$(sh -c 'chgrp docker /x')\nsh -c 'chgrp docker /x'\n";
    const r = rewriteEntrypoint(text);
    expect(r.output).toContain("X=$(sh -c 'chgrp docker /x')\nsh -c 'chgrp docker /x'\n");
    const names = r.warnings.filter((w) => w.rule === "group-name");
    expect(names.map((w) => `${w.line}:${w.column}`)).toEqual(["2:18", "3:14"]);
    expect(names[0]!.message).toContain("inside a string another shell runs (sh -c)");
  });
});

// Run under `set -e`: on Alpine's files GID 999 is ping, so `$(chgrp docker …)` stopped the script.
const kinds: RootKind[] = ["busybox", "debian"];
for (const kind of kinds) {
  const reason = skipReason(kind);
  describe.skipIf(reason !== undefined)(`group names in $( ) and backquotes on ${kind}`, () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
    });

    it("reach GID 999 whoever holds it", async () => {
      root = await makeRoot(kind);
      const script = [
        "#!/bin/sh",
        "set -e",
        "groupadd -g 999 docker",
        "Z=$(chgrp docker /a)",
        'Y="`chgrp docker /b`"',
        "N=$(echo $(find / -xdev -group docker -name b))",
        'echo "found $N"',
        "",
      ].join("\n");
      await root.write("a", "");
      await root.write("b", "");
      await root.write("entry.sh", rewriteEntrypoint(script).output);
      const run = await root.exec(["/bin/sh", "/entry.sh"]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toBe("found /b\n");
      const owners = await root.exec(["/bin/sh", "-c", "stat -c '%g %n' /a /b"]);
      expect(owners.stdout).toBe("999 /a\n999 /b\n");
    });
  });
}
