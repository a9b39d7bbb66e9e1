import { describe, expect, it } from "vitest";
import { rewriteEntrypoint } from "../src/index.js";

/** The group-name warning at a groupadd whose printed name cannot be captured (2>&1 first). */
const uncaptured = (gid: string) => {
  const script = `#!/bin/sh\ngroupadd -g ${gid} docker 2>&1 >/tmp/log\nif true; then chgrp docker /x; fi\n`;
  const r = rewriteEntrypoint(script);
  return r.warnings.find((w) => w.rule === "group-name" && w.line === 2)?.message ?? "";
};

describe("the warning at a group made with redirections its printed name cannot be captured with", () => {
  it("names the group, its GID and Alpine's holder of that GID, never ping's 999 as an example", () => {
    const m = uncaptured("999");
    expect(m).toContain("later commands name group 'docker'");
    expect(m).toContain("on Alpine ping holds GID 999");
    expect(m).toContain('write g=$(alpinize_ensure_group docker 999) and use "$g"');
  });

  it("says no base group holds a GID none does, and keeps ping out of it", () => {
    const m = uncaptured("1500");
    expect(m).toContain("no group holds GID 1500 in Alpine");
    expect(m).toContain("alpinize_ensure_group docker 1500");
    expect(m).not.toContain("ping");
    expect(m).not.toContain("NAME GID");
  });

  it("says a GID in a variable is not known", () => {
    expect(uncaptured('"$GID"')).toContain('if another group holds GID "$GID" on Alpine');
  });
});
