// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell text, not templates
import { afterEach, describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { makeRoot, type RootKind, skipReason, type TestRoot } from "./support/roots.js";

const at = (xs: Array<{ rule: string; line: number; column: number }>) =>
  xs.filter((x) => x.rule === "group-name").map((x) => `${x.line}:${x.column}`);

const lines = (...xs: string[]) => [...xs, ""].join("\n");

// The tester's script: the rewrite's own shim call must still count as making `docker`.
const tester = lines(
  "#!/bin/sh",
  "groupadd -g 999 docker",
  "X=$(getent group docker)",
  "grep -q docker /etc/group && echo y",
  "chgrp docker /a",
);

describe("group names after a rewrite, on a rerun", () => {
  it("warn again where the first run warned, in the rewrite and the lint", () => {
    const first = rewriteEntrypoint(tester);
    expect(at(first.warnings)).toEqual(["3:18", "4:9"]);
    // The rewrite added two lines (the comment and the . line) above them.
    const again = rewriteEntrypoint(first.output);
    expect(again.changed).toBe(false);
    expect(at(again.warnings)).toEqual(["5:18", "6:9"]);
    expect(at(lintEntrypoint(first.output))).toEqual(["5:18", "6:9"]);
    expect(at(findingsLeftAfterRewrite(first.output, again))).toEqual(["5:18", "6:9"]);
  });

  it("warn again after an --inline rewrite", () => {
    const first = rewriteEntrypoint(tester, { shimSource: "inline" });
    const again = rewriteEntrypoint(first.output, { shimSource: "inline" });
    expect(again.changed).toBe(false);
    expect(again.warnings.filter((w) => w.rule === "group-name")).toHaveLength(2);
    expect(lintEntrypoint(first.output).filter((f) => f.rule === "group-name")).toHaveLength(2);
  });

  it("count a captured shim call, and send a new use through its variable", () => {
    const text = lines(
      "#!/bin/sh",
      'if [ -n "$D" ]; then groupadd -g 999 docker; fi',
      "chgrp docker /a",
      "getent group docker",
    );
    const first = rewriteEntrypoint(text);
    expect(first.output).toContain("alpinize_group_docker=$(alpinize_ensure_group docker 999)");
    expect(first.output).toContain('chgrp "${alpinize_group_docker:-docker}" /a');
    const again = rewriteEntrypoint(first.output);
    expect(again.changed).toBe(false);
    expect(at(again.warnings)).toEqual(["6:14"]);
    expect(at(lintEntrypoint(first.output))).toEqual(["6:14"]);
    const added = rewriteEntrypoint(`${first.output}chown app:docker /b\n`);
    expect(added.output).toContain('chown app:"${alpinize_group_docker:-docker}" /b');
  });

  it("take a hand-written uncaptured shim call as the maker, as the lint does", () => {
    const text = lines("alpinize_ensure_group docker 999 >/dev/null", "chgrp docker /a");
    expect(rewriteEntrypoint(text).output).toContain("chgrp 999 /a");
  });
});

describe("group names in code another shell runs", () => {
  const text = lines(
    "groupadd -g 999 docker",
    "sh -c 'chgrp docker /z'",
    'eval "chgrp docker /e"',
    "sh <<EOF",
    "chgrp docker /s",
    "EOF",
    "su app -c 'getent group docker'",
  );

  it("are left as written, with a group-name warning at the name", () => {
    const r = rewriteEntrypoint(text);
    expect(r.output).toContain("sh -c 'chgrp docker /z'\neval \"chgrp docker /e\"\nsh <<EOF\n");
    expect(r.output).toContain("chgrp docker /s\nEOF\nsu app -c 'getent group docker'\n");
    expect(at(r.warnings)).toEqual(["2:14", "3:13", "5:7", "7:25"]);
    const names = r.warnings.filter((w) => w.rule === "group-name");
    expect(names[0]!.message).toContain("inside a string another shell runs (sh -c)");
    expect(names[1]!.message).toContain("(eval)");
    expect(names[2]!.message).toContain("here-document");
  });

  it("are lint findings the rewrite leaves", () => {
    expect(at(lintEntrypoint(text))).toEqual(["2:14", "3:13", "5:7", "7:25"]);
    const left = findingsLeftAfterRewrite(text, rewriteEntrypoint(text));
    expect(at(left)).toEqual(["2:14", "3:13", "5:7", "7:25"]);
  });

  it("warn in a string of a command the rewrite replaces", () => {
    const r = rewriteEntrypoint(
      lines("groupadd -g 999 docker", "su -g docker app -c 'chgrp docker /x'"),
    );
    expect(r.output).toContain("su -g 999 app -c 'chgrp docker /x'");
    expect(at(r.warnings)).toEqual(["2:28"]);
  });

  it("do not stop the rewrite when a string nests $( ) past the scanner's limit", () => {
    const deep = `sh -c '${"$(".repeat(300)}'`;
    const r = rewriteEntrypoint(lines("groupadd -g 999 docker", deep, "chgrp docker /a"));
    expect(r.output).toContain(`${deep}\nchgrp 999 /a\n`);
    expect(lintEntrypoint(lines("groupadd -g 999 docker", deep)).length).toBeGreaterThan(0);
  });

  it("stay silent for case patterns and test operands (documented)", () => {
    const r = rewriteEntrypoint(
      lines("groupadd -g 999 docker", 'case "$g" in docker) :;; esac', '[ "$q" = docker ]'),
    );
    expect(at(r.warnings)).toEqual([]);
  });
});

describe("chown OWNER.GROUP and a bare chown owner", () => {
  it("rewrites app.docker as app:docker is", () => {
    const r = rewriteEntrypoint(
      lines(
        "groupadd -g 999 docker",
        "chown app.docker /n",
        'chown "$u.docker" /m',
        "chown $u.docker /k",
      ),
    );
    expect(r.output).toContain('chown app:999 /n\nchown "$u":999 /m\nchown $u:999 /k\n');
    expect(at(lintEntrypoint(lines("groupadd -g 999 docker", "chown app.docker /n")))).toEqual([
      "2:7",
    ]);
  });

  it("takes a chown owner without : or . as a user, not the group", () => {
    const text = lines("groupadd -g 999 docker", "x=$(chown docker /b)", "chown docker /c");
    const r = rewriteEntrypoint(text);
    expect(r.output).toContain("x=$(chown docker /b)\nchown docker /c\n");
    expect(at(r.warnings)).toEqual([]);
    expect(at(lintEntrypoint(text))).toEqual([]);
  });
});

// busybox and coreutils chown take the colon the rewrite writes for `app.docker`.
const kinds: RootKind[] = ["busybox", "debian"];
for (const kind of kinds) {
  const reason = skipReason(kind);
  describe.skipIf(reason !== undefined)(`chown app.docker rewritten, on ${kind}`, () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
    });

    it("gives the file GID 999 whoever holds it", async () => {
      root = await makeRoot(kind);
      const script = lines("#!/bin/sh", "set -e", "groupadd -g 999 docker", "chown 0.docker /n");
      await root.write("n", "");
      await root.write("entry.sh", rewriteEntrypoint(script).output);
      const run = await root.exec(["/bin/sh", "/entry.sh"]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const owners = await root.exec(["/bin/sh", "-c", "stat -c '%u %g' /n"]);
      expect(owners.stdout).toBe("0 999\n");
    });
  });
}
