import { describe, expect, it } from "vitest";
import { tallyPlan } from "./tally.js";
import type { FilePlan, RepoPlan } from "./types.js";

const file = (name: string, kind: FilePlan["kind"], changed: boolean) =>
  ({ file: name, kind, changed, before: "", after: "", warnings: [] }) as FilePlan;

describe("tallyPlan", () => {
  it("counts a file applyPlan could not write once, as not written, so the parts add up", () => {
    const plan = {
      files: [
        file("a/Dockerfile", "dockerfile", true),
        file("c/Dockerfile", "dockerfile", true),
        file("d/Dockerfile", "dockerfile", false),
        file("e.sh", "script", true),
      ],
      unparsable: [
        { file: "b/Dockerfile", message: "b/Dockerfile: cannot read (EACCES)" },
        { file: "a/Dockerfile", message: "a/Dockerfile: cannot write (EACCES); left unchanged" },
      ],
    } as unknown as RepoPlan;
    expect(tallyPlan(plan)).toEqual({
      examined: 5,
      dockerfiles: 3,
      scripts: 1,
      unreadable: 1,
      overPackageLimit: 0,
      toChange: 3,
      notWritten: 1,
    });
  });
});
