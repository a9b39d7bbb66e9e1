import {
  defaultConfig,
  defaultTransforms,
  planRepository,
  renderReport,
  tallyPlan,
} from "@alpinize/repo";
import { describe, expect, it } from "vitest";
import { repoJson, repoSummary } from "./repo-output.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

// The summed limit is 200,000 package names: a run that passes it for real plans about 24 s, so
// this one passes a limit of 7, as the plan's own tests do.
const THREE = "FROM debian:12\nRUN apt-get install -y zzpkg0 zzpkg1 zzpkg2\n";
removeGitReposAfterEach();

/** Four Dockerfiles of three names each and a binary one: a and b are planned, c and d refused. */
async function planPastTheLimit() {
  const root = await gitRepo({
    "a/Dockerfile": THREE,
    "b/Dockerfile": THREE,
    "bin/Dockerfile": "FROM debian:12\n\u0000\n",
    "c/Dockerfile": THREE,
    "d/Dockerfile": THREE,
  });
  return planRepository(root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
    maxPackageDecisions: 7,
  });
}

describe("migrate DIR counts the files the summed package-name limit refused", () => {
  it("apart from those it could not read or parse, in the summary, the report and --json", async () => {
    const plan = await planPastTheLimit();
    // The made-up package names leave warnings after it, and apk add calls of names Alpine
    // does not have: only the counts are checked.
    expect(repoSummary(plan, "diff", [])).toContain(
      "alpinize migrate: 5 file(s) examined, 2 need changes, 1 could not be read or parsed, 2 refused by the package-name limit, 2 with an apk add of a name its Alpine release does not have (pick the Alpine name or add the repository: see the warnings); 3 left untouched; Alpine 3.23",
    );
    expect(renderReport(plan)).toContain(
      "5 file(s) examined (2 Dockerfile(s), 0 script(s), 1 could not be read or parsed, 2 refused by the package-name limit), 2 to change; 3 left untouched.",
    );
    const doc = JSON.parse(repoJson(plan, [], [], (file) => file));
    // The numbers themselves are @alpinize/repo's tallyPlan test: --json carries that tally.
    expect(doc.counts).toEqual(tallyPlan(plan));
    expect(doc.counts).toMatchObject({ unreadable: 1, overPackageLimit: 2 });
    expect(doc.unparsable).toMatchObject([
      { file: "bin/Dockerfile" },
      { file: "c/Dockerfile", code: "ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES" },
      { file: "d/Dockerfile", code: "ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES" },
    ]);
  });
});
