import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { SRC } from "./support/rewrite.js";

describe("rewriteEntrypoint", () => {
  it("warns on groupmod, groupdel, userdel and usermod -u: they need shadow on Alpine", () => {
    const r = rewriteEntrypoint(
      '#!/bin/sh\ngroupmod -o -g "$PGID" app\nusermod -o -u "$PUID" app\nuserdel old\ngroupdel old\n',
    );
    expect(r.output).toContain('groupmod -o -g "$PGID" app\nusermod -o -u "$PUID" app\n');
    const rules = r.warnings.map((w) => [w.rule, w.line]);
    expect(rules).toEqual([
      ["groupmod", 2],
      ["usermod", 3],
      ["userdel", 4],
      ["groupdel", 5],
    ]);
    for (const w of r.warnings) expect(w.message).toContain("apk add --no-cache shadow");
  });

  it("turns groupadd + usermod -aG into shims that refer to the group by its GID", () => {
    const input = [
      "#!/bin/sh",
      "set -e",
      'groupadd -g "$GID" docker 2>/dev/null || true',
      "usermod -aG docker app 2>/dev/null || true",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(input);
    expect(r.output).toBe(
      [
        "#!/bin/sh",
        "# User and group shims that behave the same on Debian and Alpine (alpinize shims print).",
        SRC,
        "set -e",
        'alpinize_ensure_group docker "$GID" 2>/dev/null >/dev/null || true',
        'alpinize_add_user_to_group app "$GID" 2>/dev/null >/dev/null || true',
        "",
      ].join("\n"),
    );
    expect(r.changed).toBe(true);
    expect(r.edits.map((e) => [e.rule, e.line, e.column])).toEqual([
      ["source-shims", 2, 1],
      ["groupadd", 3, 1],
      ["usermod-append", 4, 1],
    ]);
    expect(r.edits[1]!.before).toBe('groupadd -g "$GID" docker 2>/dev/null');
  });

  // Alpine's base image has getent (libc-utils pulls musl-utils), with glibc's exit codes.
  it("leaves getent as is, also inside command substitutions and rewritten commands", () => {
    const r = rewriteEntrypoint(
      '#!/bin/sh\nG=$(getent group "$X" | cut -d: -f1)\nusermod -aG "$(getent group 5 | cut -d: -f1)" u\n',
    );
    expect(r.output).toContain('G=$(getent group "$X" | cut -d: -f1)\n');
    expect(r.output).toContain(
      'alpinize_add_user_to_group u "$(getent group 5 | cut -d: -f1)" >/dev/null',
    );
    const lookups = '#!/bin/sh\nG=$(getent group "$X" | cut -d: -f1)\ngetent passwd app\n';
    expect(rewriteEntrypoint(lookups)).toMatchObject({ changed: false, edits: [], warnings: [] });
    expect(lintEntrypoint(lookups)).toEqual([]);
  });
});
