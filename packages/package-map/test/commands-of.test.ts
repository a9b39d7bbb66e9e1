import { describe, expect, it } from "vitest";
import { createPackageMap } from "../src/index.js";

// The CLI warns when --uses names no command a split package ships; it asks the map which.

describe("commandsOf", () => {
  const pm = createPackageMap({ release: "3.23" });

  it("lists the commands a Debian package installs and those curated entries map", () => {
    expect(pm.commandsOf("libcap2-bin")).toEqual(["capsh", "getcap", "getpcaps", "setcap"]);
    expect(pm.commandsOf("libcap2-bin:amd64")).toEqual(pm.commandsOf("libcap2-bin"));
    expect(pm.commandsOf("xvfb")).toEqual(["Xvfb", "xvfb-run"]);
  });

  it("is empty for a library, an unknown name, or a binary named as its source", () => {
    // nodejs's curated table knows npm and npx, not node: a partial list would mislead.
    expect(pm.commandsOf("nodejs")).toEqual([]);
    expect(pm.commandsOf("libssl-dev")).toEqual([]);
    expect(pm.commandsOf("no-such-package-zz")).toEqual([]);
  });
});
