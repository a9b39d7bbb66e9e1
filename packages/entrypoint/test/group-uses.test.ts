// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell text, not templates
import { afterEach, describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { makeRoot, type RootKind, skipReason, type TestRoot } from "./support/roots.js";

const body = (out: string) => out.split("\n").slice(3).join("\n");

// The tester's script: `docker` made with GID 999, which Alpine's ping group already holds.
const script = [
  "#!/bin/sh",
  "set -eu",
  "groupadd -g 999 docker",
  "usermod -aG docker app",
  "chgrp docker /sock",
  "chown app:docker /data",
  'chown -R "$OWNER:docker" /data2',
  "find / -xdev -group docker -name 'data*' > /found",
  'exec gosu app:docker "$@"',
  "",
].join("\n");

describe("later uses of a group created with a GID", () => {
  it("name the group by its GID in straight-line code", () => {
    const r = rewriteEntrypoint(script);
    expect(body(r.output)).toBe(
      [
        "set -eu",
        "alpinize_ensure_group docker 999 >/dev/null",
        "alpinize_add_user_to_group app 999 >/dev/null",
        "chgrp 999 /sock",
        "chown app:999 /data",
        'chown -R "$OWNER":999 /data2',
        "find / -xdev -group 999 -name 'data*' > /found",
        '{ alpinize_exec_as app:999 "$@" || exit; }',
        "",
      ].join("\n"),
    );
    expect(r.edits.filter((e) => e.rule === "group-name").map((e) => e.line)).toEqual([5, 6, 7, 8]);
    expect(r.warnings).toEqual([]);
  });

  it("use the captured name when the groupadd is conditional", () => {
    const r = rewriteEntrypoint(
      'if [ -n "${G:-}" ]; then groupadd -g "$G" docker; fi\nchgrp docker /sock\nsu -g docker app -c id\ninstall -d -g docker /x\n',
    );
    expect(body(`\n\n\n${r.output.split("\n").slice(2).join("\n")}`)).toContain(
      'chgrp "${alpinize_group_docker:-docker}" /sock\nsu -g "${alpinize_group_docker:-docker}" app -c id\ninstall -d -g "${alpinize_group_docker:-docker}" /x\n',
    );
    expect(r.output).toContain('alpinize_group_docker=$(alpinize_ensure_group docker "$G")');
  });

  it("leave groups not created with a GID alone, and options that name no group", () => {
    const text = "chgrp docker /a\ngroupadd -g 5 g\nchgrp --reference=/b /a\nchmod g+w /a\n";
    const r = rewriteEntrypoint(text);
    expect(r.output).toContain("chgrp docker /a\n");
    expect(r.output).toContain("chgrp --reference=/b /a\nchmod g+w /a\n");
  });

  it("warn with line and column where another command still names the group", () => {
    const r = rewriteEntrypoint(
      "groupadd -g 999 docker\ndockerd --group docker\nsetfacl -m g:x /a\n",
    );
    expect(r.warnings).toEqual([
      expect.objectContaining({ rule: "group-name", line: 2, column: 17 }),
    ]);
    expect(r.warnings[0]!.message).toContain("refer to the group by its GID");
  });

  it("does not warn about text in echo", () => {
    const r = rewriteEntrypoint("groupadd -g 999 docker\necho docker\n");
    expect(r.warnings).toEqual([]);
  });
});

describe("lint: group-name", () => {
  it("flags a hand-written shim call whose printed name is thrown away", () => {
    const text = [
      "alpinize_ensure_group docker 999 >/dev/null",
      "chgrp docker /sock",
      "alpinize_add_user_to_group app docker",
      "alpinize_exec_as app:docker id",
      "g=$(alpinize_ensure_group other 998)",
      'chgrp "$g" /x',
      "chgrp other /y",
      "",
    ].join("\n");
    const found = lintEntrypoint(text).filter((f) => f.rule === "group-name");
    // A captured call makes the group too: `other` by name may still be missing on Alpine.
    expect(found.map((f) => `${f.line}:${f.column}`)).toEqual(["2:7", "3:32", "4:18", "7:7"]);
    expect(found[0]!.fix).toContain("g=$(alpinize_ensure_group docker 999)");
  });

  it("flags the original script's uses, which the rewrite then fixes", () => {
    const found = lintEntrypoint(script).filter((f) => f.rule === "group-name");
    // usermod -aG docker (line 4) too: the rewrite adds the user to GID 999.
    expect(found.map((f) => f.line)).toEqual([4, 5, 6, 7, 8, 9]);
    const left = findingsLeftAfterRewrite(script, rewriteEntrypoint(script));
    expect(left.filter((f) => f.rule === "group-name")).toEqual([]);
  });

  it("flags `getent group NAME` keys where the rewrite warns, and no other database", () => {
    const text = [
      "groupadd -g 999 docker",
      "getent group docker",
      "getent -s files group root docker",
      "x=$(/usr/bin/getent group docker | cut -d: -f3)",
      "y=`alpinize_getent group docker`",
      "getent passwd docker",
      "getent group 999",
      "getent hosts docker",
      "",
    ].join("\n");
    const at = (list: Array<{ rule: string; line: number; column: number }>) =>
      list.filter((x) => x.rule === "group-name").map((x) => `${x.line}:${x.column}`);
    const found = at(lintEntrypoint(text));
    expect(found).toEqual(["2:14", "3:28", "4:27", "5:26"]);
    // `getent passwd docker` and `getent hosts docker` name no group: the rewrite warns there
    // anyway, as about any word of any other command (README, Known limitations).
    const warned = at(rewriteEntrypoint(text).warnings).filter((w) => !/^[68]:/.test(w));
    expect(warned).toEqual(found);
  });
});

// Runs the rewritten script: on Alpine's files GID 999 is ping, so `docker` never exists there.
const kinds: RootKind[] = ["busybox", "debian"];
for (const kind of kinds) {
  const reason = skipReason(kind);
  describe.skipIf(reason !== undefined)(`rewritten group uses on ${kind}`, () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
    });

    it("chgrp, chown, find and exec_as reach GID 999 whoever holds it", async () => {
      root = await makeRoot(kind, { gosu: true });
      const setup = [
        "alpinize_ensure_group app 1000 >/dev/null",
        "alpinize_ensure_user app 1000 app /app /sbin/nologin",
        "mkdir /data /data2 && touch /sock",
      ];
      expect((await root.sh(setup.join("\n"))).code).toBe(0);
      await root.write("entry.sh", rewriteEntrypoint(script).output);
      const run = await root.exec(["/bin/sh", "/entry.sh", "id", "-G"], {
        env: { OWNER: "app" },
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe("999");
      const owners = await root.exec(["/bin/sh", "-c", "stat -c '%u:%g %n' /sock /data /data2"]);
      expect(owners.stdout).toBe("0:999 /sock\n1000:999 /data\n1000:999 /data2\n");
      expect((await root.read("found")).split("\n").sort()).toEqual(["", "/data", "/data2"]);
      const holder = (await root.sh("alpinize_group_name_for_gid 999")).stdout.trim();
      expect(holder).toBe(kind === "busybox" ? "ping" : "docker");
      expect((await root.sh(`alpinize_user_in_group app ${holder} && echo yes`)).stdout).toBe(
        "yes\n",
      );
    });

    it("the original names fail on busybox (why the rewrite is needed)", async () => {
      root = await makeRoot(kind);
      const r = await root.sh(
        "alpinize_ensure_group docker 999 >/dev/null\ntouch /sock\nchgrp docker /sock",
      );
      if (kind === "busybox") expect(r.code).not.toBe(0);
      else expect(r.code).toBe(0);
    });
  });
}

describe("user-name commands are not group uses", () => {
  it("says nothing about id app after groupadd app", () => {
    const r = rewriteEntrypoint("groupadd -g 1500 app\nid app\nid -u app\n");
    expect(r.warnings.filter((w) => w.rule === "group-name")).toEqual([]);
  });
});
