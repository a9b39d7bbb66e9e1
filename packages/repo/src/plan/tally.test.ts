import { describe, expect, it } from "vitest";
import { limitRefusals, refusedByLimits, tallyPlan } from "./tally.js";
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
      overInstructionLimit: 0,
      overShellStringLimit: 0,
      heldBack: 0,
      toChange: 3,
      notWritten: 1,
    });
  });

  it("counts a Dockerfile the instruction or sh -c string limit refused (or one held back) under that limit, not as unreadable", () => {
    const refused = (name: string, code: string) => ({
      file: name,
      message: `${name}: more`,
      code,
    });
    const plan = {
      files: [file("a/Dockerfile", "dockerfile", true)],
      unparsable: [
        { file: "b/Dockerfile", message: "b/Dockerfile: cannot read (EACCES)" },
        refused("c/Dockerfile", "ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS"),
        refused("d/Dockerfile", "ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS"),
        refused("e/Dockerfile", "ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS"),
        refused("f/Dockerfile", "ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES"),
        refused("g/Dockerfile", "ALPINIZE_REPO_HELD"),
      ],
    } as unknown as RepoPlan;
    const tally = tallyPlan(plan);
    expect(tally).toEqual({
      examined: 7,
      dockerfiles: 1,
      scripts: 0,
      unreadable: 1,
      overPackageLimit: 1,
      overInstructionLimit: 1,
      overShellStringLimit: 2,
      heldBack: 1,
      toChange: 1,
      notWritten: 0,
    });
    expect(limitRefusals(tally)).toBe(
      ", 1 refused by the package-name limit, 1 refused by the instruction-count limit, 2 refused by the sh -c string limit, 1 held back with a script they run that could not be rewritten",
    );
    expect(refusedByLimits(tally)).toBe(5);
  });
});
