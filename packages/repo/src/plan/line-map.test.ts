import { describe, expect, it } from "vitest";
import { scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { mapLinesToOriginal } from "./line-map.js";
import { planRepository } from "./plan.js";

describe("mapLinesToOriginal", () => {
  it("maps kept lines through insertions and replaced lines to their place", () => {
    const before = "a\nb\nc\nd\n";
    const after = "a\nX1\nX2\nb\nC2\nd\n";
    const map = mapLinesToOriginal(before, after);
    expect([1, 2, 3, 4, 5, 6].map(map)).toEqual([1, 2, 2, 2, 3, 4]);
    expect(mapLinesToOriginal("same\n", "same\n")(1)).toBe(1);
  });

  it("maps a middle of a million inserted lines without overflowing the stack", () => {
    const inserted = Array.from({ length: 1_000_000 }, (_, i) => `y${i}`).join("\n");
    const map = mapLinesToOriginal("a\nb\nc\nd\n", `a\n${inserted}\nb\nc2\nd\n`);
    expect(map(1)).toBe(1);
    expect(map(2)).toBe(2);
    expect(map(1_000_001)).toBe(2);
    expect(map(1_000_002)).toBe(2);
    expect(map(1_000_003)).toBe(3);
    expect(map(1_000_004)).toBe(4);
  });
});

describe("script findings", () => {
  it("report original-file lines for warnings, edits alike (after the shims are inlined)", async () => {
    const script =
      '#!/bin/sh\nset -e\nuseradd -r app\necho hi\n[[ -n "$X" ]] && echo x\nexec gosu app "$@"\n';
    const repo = await scratchRepo({
      Dockerfile: 'FROM debian:12\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n',
      "entry.sh": script,
    });
    try {
      const plan = await planRepository(repo.root, {
        config: defaultConfig(),
        transforms: defaultTransforms(),
      });
      const file = plan.files.find((f) => f.file === "entry.sh");
      expect(file?.changed).toBe(true);
      const lines = file?.warnings.map((w) => w.line) ?? [];
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toBeLessThanOrEqual(6);
      expect(file?.warnings).toContainEqual(expect.objectContaining({ line: 5 }));
    } finally {
      await repo.remove();
    }
  });
});
