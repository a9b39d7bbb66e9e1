import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { findingsLeftAfterRewrite, rewriteEntrypoint } from "../src/index.js";

describe("rewriteEntrypoint", () => {
  it("keeps exec's failure semantics: the script stops when privileges cannot be dropped", () => {
    // A stand-in for the shim that fails the way alpinize_exec_as does when no tool is found.
    const input = [
      "#!/bin/sh",
      'alpinize_exec_as() { echo "cannot switch" >&2; return 5; }',
      'false && exec gosu app sh -c "echo never"',
      "echo after-list",
      'if [ "$(id -u)" = 0 ] || true; then',
      '  exec gosu app sh -c "echo switched" 2>&1',
      "fi",
      "echo still-root",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(input, { shimSource: { path: "/dev/null" } });
    expect(rewriteEntrypoint(r.output, { shimSource: { path: "/dev/null" } }).changed).toBe(false);
    const run = spawnSync("dash", ["-c", r.output], { encoding: "utf8" });
    // The redirection stays on the command: the stand-in's message reaches stdout through 2>&1.
    expect(run.stdout).toBe("after-list\ncannot switch\n");
    expect(run.status).toBe(5);
  });

  it("runs gosu without exec in a subshell, so the script goes on afterwards", () => {
    const r = rewriteEntrypoint(
      '#!/bin/sh\nrun() { gosu app "$@"; }\ngosu app cmd > /log 2>&1 &\n',
    );
    expect(r.output).toContain('run() { (alpinize_exec_as app "$@"); }');
    expect(r.output).toContain("(alpinize_exec_as app cmd) > /log 2>&1 &");
  });

  it("rewrites gosu with USER:GROUP, a UID or UID:GID, as gosu reads them", () => {
    const input = [
      "#!/bin/sh",
      "gosu app:app true",
      "gosu 1000 true",
      'exec gosu "$PUID:$PGID" "$@"',
      "",
    ].join("\n");
    const r = rewriteEntrypoint(input);
    expect(r.output).toContain("(alpinize_exec_as app:app true)\n(alpinize_exec_as 1000 true)\n");
    expect(r.output).toContain('{ alpinize_exec_as "$PUID:$PGID" "$@" || exit; }\n');
    expect(r.warnings).toEqual([]);
    expect(r.edits.filter((e) => e.rule !== "source-shims").map((e) => [e.rule, e.line])).toEqual([
      ["gosu", 2],
      ["gosu", 3],
      ["gosu", 4],
    ]);
    expect(r.edits.find((e) => e.line === 3)?.message).toContain("else GID 0 and no groups");
    // Nothing is left for a hand edit, and a second run changes nothing.
    expect(findingsLeftAfterRewrite(input, r)).toEqual([]);
    expect(rewriteEntrypoint(r.output).changed).toBe(false);
  });

  // su-exec from apk runs as is: a script already right for Alpine comes back unchanged.
  it("leaves su-exec as is, but for a group the script made with a GID", () => {
    const alpine = [
      "#!/bin/sh",
      "set -e",
      'if [ "$(id -u)" = 0 ]; then',
      '  exec su-exec app "$@"',
      "fi",
      "su-exec app:app true && su-exec 1000 true &",
      "x=$(su-exec app id -u)",
      'exec "$@"',
      "",
    ].join("\n");
    expect(rewriteEntrypoint(alpine)).toMatchObject({ changed: false, edits: [], warnings: [] });
    const r = rewriteEntrypoint("#!/bin/sh\ngroupadd -g 999 docker\nexec su-exec app:docker cmd\n");
    expect(r.output).toContain("\nexec su-exec app:999 cmd\n");
    expect(r.edits.map((e) => [e.rule, e.line])).toEqual([
      ["source-shims", 2],
      ["groupadd", 2],
      ["group-name", 3],
    ]);
  });
});
