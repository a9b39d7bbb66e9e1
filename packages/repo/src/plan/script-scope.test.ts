import { SHADOW_ONLY_TOOLS } from "@alpinize/busybox";
import { describe, expect, it } from "vitest";
import { needsAlpineRewrite } from "./script-scope.js";

describe("needsAlpineRewrite", () => {
  it("takes every rule named after a tool of @alpinize/busybox's shadow table", () => {
    const tools = Object.keys(SHADOW_ONLY_TOOLS);
    expect(tools).toContain("vipw");
    for (const tool of tools) {
      expect([tool, needsAlpineRewrite([{ rule: tool }])]).toEqual([tool, true]);
      expect([tool, needsAlpineRewrite([{ rule: `${tool}-append` }])]).toEqual([tool, true]);
    }
  });

  it("leaves rules busybox or Alpine runs as written", () => {
    for (const rule of ["adduser", "addgroup", "passwd", "group-name", "source-shims", "gosu"])
      expect([rule, needsAlpineRewrite([{ rule }])]).toEqual([rule, false]);
    expect(needsAlpineRewrite([{ rule: "set-gosu" }])).toBe(true);
    // The image has su-exec and no gosu: its gosu calls fail until they name su-exec.
    expect(needsAlpineRewrite([{ rule: "gosu-su-exec" }])).toBe(true);
  });
});
