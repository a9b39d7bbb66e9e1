import { afterEach, describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { makeRoot, skipReason, type TestRoot } from "./support/roots.js";

// shadow's groupadd/useradd and busybox's addgroup/adduser read -g/-u in base 10 (0999 is 999);
// the shims take plain decimal IDs only, so the rewrite writes the base-10 value.
const SCRIPT = [
  "#!/bin/sh",
  "set -e",
  "groupadd -g 0999 docker",
  "groupadd -g 01000 app",
  "useradd -u 01000 -g 01000 -d /app -s /bin/sh app",
  "mkdir -p /srv && chgrp docker /srv",
  'exec "$@"',
  "",
].join("\n");

describe("IDs written with leading zeros", () => {
  it("become their base-10 value in the shim calls and the group's later uses", () => {
    const r = rewriteEntrypoint(SCRIPT, { shimSource: "inline" });
    const tail = r.output.slice(r.output.indexOf("# <<< alpinize shims <<<"));
    expect(tail).toContain("alpinize_ensure_group docker 999 >/dev/null");
    expect(tail).toContain("alpinize_ensure_group app 1000 >/dev/null");
    expect(tail).toContain("alpinize_ensure_user app 1000 1000 /app /bin/sh");
    expect(tail).toContain("chgrp 999 /srv");
    expect(tail).not.toMatch(/ 0\d/);
    // The lint already reads 0999 as 999: it and the rewrite agree.
    expect(lintEntrypoint(SCRIPT).some((f) => f.message.includes("GID 999 is held by"))).toBe(true);
  });

  it("keeps other words as written (a variable, a name, a plain ID, quotes kept)", () => {
    const r = rewriteEntrypoint(
      '#!/bin/sh\ngroupadd -g "$GID" a\ngroupadd -g 0 b\nadduser -u "0100" -G users -h /c -s /bin/sh c\n',
    );
    expect(r.output).toContain('alpinize_ensure_group a "$GID"');
    expect(r.output).toContain("alpinize_ensure_group b 0");
    expect(r.output).toContain('alpinize_ensure_user c "100" users /c /bin/sh');
  });
});

const reason = skipReason("busybox");
describe.skipIf(reason !== undefined)(
  `leading-zero IDs in the musl busybox root${reason ? ` (skipped: ${reason})` : ""}`,
  () => {
    let root: TestRoot | undefined;
    afterEach(async () => {
      await root?.remove();
      root = undefined;
    });

    it("the rewritten script runs under busybox sh and makes the IDs groupadd would", async () => {
      root = await makeRoot("busybox");
      await root.write("entrypoint.sh", rewriteEntrypoint(SCRIPT, { shimSource: "inline" }).output);
      const r = await root.exec(["/bin/sh", "/entrypoint.sh", "stat", "-c", "%g", "/srv"]);
      expect(r.stderr).toBe("");
      expect(r).toMatchObject({ code: 0, stdout: "999\n" });
      expect(await root.read("etc/group")).toMatch(/^app:x:1000:/m);
      expect(await root.read("etc/passwd")).toMatch(/^app:x:1000:1000:/m);
    });
  },
);
