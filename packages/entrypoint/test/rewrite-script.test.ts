import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";
import { parses } from "./support/rewrite.js";

describe("rewriteEntrypoint", () => {
  it("is idempotent", () => {
    const input =
      '#!/bin/sh\ngroupadd -g 999 docker\nusermod -a -G docker,video app\nexec gosu app "$@"\n';
    const once = rewriteEntrypoint(input);
    const twice = rewriteEntrypoint(once.output);
    expect(twice).toMatchObject({ changed: false, edits: [], output: once.output });
    expect(once.output).toContain(
      "{ alpinize_add_user_to_group app 999 >/dev/null && alpinize_add_user_to_group app video >/dev/null; }",
    );
    expect(once.output).toContain('{ alpinize_exec_as app "$@" || exit; }\n');
  });

  it("never puts an assignment or a redirection before a { } group it writes", () => {
    const input = [
      "#!/bin/sh",
      "FOO=1 exec gosu app cmd",
      "2>/dev/null exec gosu app cmd",
      "HOME=/x usermod -aG a,b app",
      ">/log usermod -aG a,b app",
      "",
    ].join("\n");
    const r = rewriteEntrypoint(input);
    expect(r.output).not.toMatch(/^\S+ \{/m);
    expect(r.output).toContain("FOO=1 exec gosu app cmd\n");
    expect(r.output).toContain("HOME=/x usermod -aG a,b app\n");
    expect(r.output).toContain("{ alpinize_exec_as app cmd || exit; } 2>/dev/null\n");
    expect(r.warnings.map((w) => w.line)).toEqual([2, 4]);
    execFileSync("dash", ["-n"], { input: r.output });
  });

  it("inlines the library when asked, and the result parses", () => {
    const r = rewriteEntrypoint("#!/bin/sh\ngroupadd -g 5 g\n", { shimSource: "inline" });
    expect(r.output).toContain("\nalpinize_ensure_group() {");
    expect(r.output.startsWith("#!/bin/sh\n# >>> alpinize shims")).toBe(true);
    parses(["dash"], r.output);
    expect(rewriteEntrypoint(r.output, { shimSource: "inline" }).changed).toBe(false);
  });

  it("rejects a source path that would need quoting", () => {
    expect(() =>
      rewriteEntrypoint("groupadd -g 1 a\n", { shimSource: { path: "lib/x y.sh" } }),
    ).toThrow(/not an absolute path/);
  });

  it("leaves a script without user handling untouched and does not source the shims", () => {
    const input = "#!/bin/sh\necho hi\nstat -c %g /x\n";
    expect(rewriteEntrypoint(input)).toEqual({
      output: input,
      changed: false,
      edits: [],
      warnings: [],
    });
  });
});
