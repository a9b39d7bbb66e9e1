// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell text, not templates
import { afterEach, describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";
import { makeRoot, type RootKind, skipReason, type TestRoot } from "./support/roots.js";

const body = (out: string) => out.split("\n").slice(2).join("\n");

describe("group references after groupadd -g", () => {
  it("uses the GID only in straight-line code with no write to the variable", () => {
    const r = rewriteEntrypoint(
      'groupadd -g "$GID" docker 2>/dev/null || true\necho "$GID"\nusermod -aG docker app\n',
    );
    expect(body(r.output)).toBe(
      'alpinize_ensure_group docker "$GID" 2>/dev/null >/dev/null || true\necho "$GID"\nalpinize_add_user_to_group app "$GID" >/dev/null\n',
    );
  });

  it("captures the effective name when the groupadd sits in an if", () => {
    const r = rewriteEntrypoint(
      'if [ -n "${DOCKER_GID:-}" ]; then groupadd -g "$DOCKER_GID" docker; fi\nusermod -aG docker app\n',
    );
    expect(body(r.output)).toBe(
      'if [ -n "${DOCKER_GID:-}" ]; then alpinize_group_docker=$(alpinize_ensure_group docker "$DOCKER_GID"); fi\nalpinize_add_user_to_group app "${alpinize_group_docker:-docker}" >/dev/null\n',
    );
    expect(r.edits.find((e) => e.rule === "groupadd")!.after).toContain("alpinize_group_docker=$(");
  });

  it("captures the name when the GID variable is reassigned in between", () => {
    const r = rewriteEntrypoint(
      "gid=5; groupadd -g $gid docker2; gid=6; usermod -aG docker2 app\n",
    );
    expect(body(r.output)).toBe(
      'gid=5; alpinize_group_docker2=$(alpinize_ensure_group docker2 $gid); gid=6; alpinize_add_user_to_group app "${alpinize_group_docker2:-docker2}" >/dev/null\n',
    );
  });

  it.each([
    ['[ -n "$G" ] && groupadd -g "$G" d\nusermod -aG d app\n', "an && before the groupadd"],
    ['groupadd -g "$G" d\nread G\nusermod -aG d app\n', "read"],
    ['groupadd -g "$G" d\nfor G in 1; do :; done\nusermod -aG d app\n', "for"],
    ['groupadd -g "$G" d\n: "${G:=7}"\nusermod -aG d app\n', "${G:=}"],
    ['groupadd -g "$1" d\nshift\nusermod -aG d app\n', "positional GID"],
    ['f() {\ngroupadd -g "$G" d\n}\nusermod -aG d app\n', "function body"],
    ['(groupadd -g "$G" d)\nusermod -aG d app\n', "subshell"],
  ])("does not use the GID word across %j (%s)", (script) => {
    const out = rewriteEntrypoint(script).output;
    expect(out).toContain('alpinize_add_user_to_group app "${alpinize_group_d:-d}"');
  });

  it("keeps stdout redirections in the capture, with the pipe parked on fd 9 around them", () => {
    const r = rewriteEntrypoint(
      "if x; then groupadd -g 9 d >/dev/null 2>&1 || true; fi\nusermod -aG d app\n",
    );
    expect(body(r.output)).toContain(
      "then alpinize_group_d=$(alpinize_ensure_group d 9 9>&1 >/dev/null 2>&1 >&9 9>&-) || true; fi",
    );
  });
});

// The verifier's scenario: `docker` made at build time, DOCKER_GID set or not at run time.
const script = [
  "#!/bin/sh",
  "set -eu",
  'if [ -n "${DOCKER_GID:-}" ]; then groupadd -g "$DOCKER_GID" docker; fi',
  "usermod -aG docker app",
  "",
].join("\n");
const kinds: RootKind[] = ["busybox", "debian"];
for (const kind of kinds) {
  const reason = skipReason(kind);
  describe.skipIf(reason !== undefined)(`rewritten if/groupadd on ${kind}`, () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
    });
    const prepare = async (dockerAtBuild: boolean) => {
      root = await makeRoot(kind);
      const setup = [
        "alpinize_ensure_group app 1000 >/dev/null",
        "alpinize_ensure_user app 1000 app /app /sbin/nologin",
        dockerAtBuild ? "alpinize_ensure_group docker 2345 >/dev/null" : ":",
      ];
      expect((await root.sh(setup.join("\n"))).code).toBe(0);
      const out = rewriteEntrypoint(script).output.replace(/^\. .*$/m, ":");
      await root.write("entry.sh", out);
      return root;
    };

    it("adds app to the build-time docker group when DOCKER_GID is unset", async () => {
      const r = await prepare(true);
      const run = await r.sh(". /entry.sh");
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect((await r.sh("alpinize_user_in_group app docker && echo yes")).stdout).toBe("yes\n");
    });

    it("adds app to the group that holds DOCKER_GID when it is set", async () => {
      const r = await prepare(false);
      const run = await r.sh(". /entry.sh", { env: { DOCKER_GID: "999" } });
      expect(run.code).toBe(0);
      const holder = (await r.sh("alpinize_group_name_for_gid 999")).stdout.trim();
      expect(holder).toBe(kind === "busybox" ? "ping" : "docker");
      expect((await r.sh(`alpinize_user_in_group app ${holder} && echo yes`)).stdout).toBe("yes\n");
    });
  });
}
