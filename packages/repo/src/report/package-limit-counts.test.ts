import { describe, expect, it } from "vitest";
import { planDefault, scratchRepoPerTest } from "../../test/run-defaults.js";
import { tallyPlan } from "../plan/tally.js";
import { renderReport } from "./markdown.js";

const THREE = "FROM debian:12\nRUN apt-get install -y zzpkg0 zzpkg1 zzpkg2\n";

// A run whose summed package names pass the limit read and parsed the files it refused: the
// counts said they "could not be read or parsed".
describe("files the package-name limit refused, counted apart from unreadable ones", () => {
  const repo = scratchRepoPerTest();

  it("counts them in the tally and the report's first line", async () => {
    const { root } = await repo.make(
      {
        "a/Dockerfile": THREE,
        "b/Dockerfile": THREE,
        "bin/Dockerfile": "FROM debian:12\n\u0000\n",
        "c/Dockerfile": THREE,
        "d/Dockerfile": THREE,
      },
      { git: true },
    );
    // a and b sum to 6; c passes 7 and is refused, d is never planned; bin is binary.
    const plan = await planDefault(root, { maxPackageDecisions: 7 });
    expect(tallyPlan(plan)).toEqual({
      examined: 5,
      dockerfiles: 2,
      scripts: 0,
      unreadable: 1,
      overPackageLimit: 2,
      overInstructionLimit: 0,
      overShellStringLimit: 0,
      heldBack: 0,
      toChange: 2,
      notWritten: 0,
    });
    expect(renderReport(plan).split("\n")).toContain(
      "Planned changes (nothing written yet) by `alpinize migrate`: 5 file(s) examined (2 Dockerfile(s), 0 script(s), 1 could not be read or parsed, 2 refused by the package-name limit), 2 to change; 3 left untouched.",
    );
  });
});
