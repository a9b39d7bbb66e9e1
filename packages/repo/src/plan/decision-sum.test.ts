import { afterEach, describe, expect, it } from "vitest";
import { planDefault } from "../../test/run-defaults.js";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { TOO_MANY_PACKAGE_NAMES } from "./decision-sum.js";

const THREE = "FROM debian:12\nRUN apt-get install -y zzpkg0 zzpkg1 zzpkg2\n";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("package decisions summed over a migrate DIR run", () => {
  it("refuses the Dockerfile that passes the limit and plans none after it", async () => {
    repo = await scratchRepo(
      {
        "a/Dockerfile": THREE,
        "b/Dockerfile": THREE,
        "c/Dockerfile": THREE,
        "d/Dockerfile": THREE,
      },
      { git: true },
    );
    const plan = await planDefault(repo.root, { maxPackageDecisions: 7 });
    expect(plan.files.map((f) => f.file)).toEqual(["a/Dockerfile", "b/Dockerfile"]);
    expect(plan.unparsable).toMatchObject([
      {
        file: "c/Dockerfile",
        code: TOO_MANY_PACKAGE_NAMES,
        message: expect.stringMatching(/^c\/Dockerfile: more than 7 package names .* this run/),
        hint: expect.stringMatching(/folders one at a time/),
      },
      {
        file: "d/Dockerfile",
        code: TOO_MANY_PACKAGE_NAMES,
        message: expect.stringMatching(/not migrated: the Dockerfiles planned before it passed 7 /),
      },
    ]);
  });

  it("plans every file while the sum stays within the limit", async () => {
    repo = await scratchRepo({ "a/Dockerfile": THREE, "b/Dockerfile": THREE }, { git: true });
    const plan = await planDefault(repo.root, { maxPackageDecisions: 6 });
    expect(plan.files).toHaveLength(2);
    expect(plan.unparsable).toEqual([]);
  });
});
