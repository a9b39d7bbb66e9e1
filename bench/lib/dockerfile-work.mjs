// What the Dockerfile benchmarks time, on a temporary folder of their own: parsing alone (the
// baseline, linear by construction), `migrateDockerfile` for Alpine 3.23, and the repository
// check (`checkTargets`, what `alpinize check FILE` runs) of a Dockerfile written there. Each adds
// a count from its result to a checksum that is printed, so that no result goes unused.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPackages } from "./dist.mjs";

export async function dockerfileWork(bench) {
  const {
    migrateDockerfile,
    parseDockerfile,
    createPackageMap,
    checkTargets,
    defaultConfig,
    defaultTransforms,
  } = await loadPackages(bench, ["dockerfile", "package-map", "repo"]);
  const packageMap = createPackageMap({ release: "3.23" });
  const transforms = defaultTransforms();
  const dir = mkdtempSync(join(tmpdir(), `alpinize-bench-${bench}-`));
  const dockerfile = join(dir, "Dockerfile");
  let sum = 0;
  const count = (n) => {
    sum += n;
  };
  return {
    dir,
    count,
    checksum: () => sum,
    remove: () => rmSync(dir, { recursive: true, force: true }),
    parse: (text) => count(parseDockerfile(text).instructions.length),
    migrate: (text) => count(migrateDockerfile(text, { release: "3.23", packageMap }).edits.length),
    check: async (text) => {
      writeFileSync(dockerfile, text);
      const result = await checkTargets([{ path: dockerfile, kind: "dockerfile" }], {
        config: defaultConfig(),
        transforms,
        cwd: dir,
      });
      count(result.findings.length);
    },
  };
}
