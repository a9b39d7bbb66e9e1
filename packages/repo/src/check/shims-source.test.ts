import { describe, expect, it } from "vitest";
import { checkDefault, PINNED_ALPINE, scratchRepoPerTest } from "../../test/run-defaults.js";
import { sourcedShims } from "./shims-source.js";

const SCRIPT = [
  "#!/bin/sh",
  "# User and group shims that behave the same on Debian and Alpine (alpinize shims print).",
  ". /usr/local/lib/alpinize-shims.sh",
  "set -e",
  'alpinize_exec_as app "$@"',
  "",
].join("\n");

const scratch = scratchRepoPerTest();

async function shimFindings(lines: string[], files: Record<string, string> = {}) {
  const dockerfile = [`FROM ${PINNED_ALPINE} AS base`, ...lines, ""].join("\n");
  const repo = await scratch.make({
    "svc/Dockerfile": dockerfile,
    "svc/entry.sh": SCRIPT,
    ...files,
  });
  const result = await checkDefault(repo.root);
  return result.findings.filter((f) => f.rule === "shims-missing");
}

const RUNS = ["COPY entry.sh /entry.sh", 'ENTRYPOINT ["/entry.sh"]'];

describe("shims-missing", () => {
  it("reads the source lines alpinize entrypoint --write adds, and source", () => {
    expect(sourcedShims(SCRIPT)).toEqual([{ line: 3, path: "/usr/local/lib/alpinize-shims.sh" }]);
    expect(sourcedShims('source "/opt/alpinize-shims.sh"\n. /etc/profile\n')).toEqual([
      { line: 1, path: "/opt/alpinize-shims.sh" },
    ]);
  });

  it("flags a script sourcing the library no COPY provides, on the COPY line, with the fix", async () => {
    const found = await shimFindings(RUNS);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: "svc/Dockerfile", line: 2, severity: "error" });
    expect(found[0]?.message).toContain(
      'alpinize shims print --output svc/alpinize-shims.sh" and add "COPY alpinize-shims.sh /usr/local/lib/alpinize-shims.sh"',
    );
  });

  it.each([
    ["a COPY to the path", ["COPY alpinize-shims.sh /usr/local/lib/alpinize-shims.sh", ...RUNS]],
    ["a COPY into its folder", ["COPY alpinize-shims.sh entry.sh /usr/local/lib/", ...RUNS]],
    ["a COPY of a folder over it", ["COPY lib/ /usr/local/lib/", ...RUNS]],
    ["a stage it builds on", ["COPY alpinize-shims.sh /usr/local/lib/", "FROM base", ...RUNS]],
    ["another stage", ["RUN true", "FROM base", "COPY --from=0 /x/ /usr/local/lib/", ...RUNS]],
    ["a RUN that writes it", ["RUN wget -O /usr/local/lib/alpinize-shims.sh http://x", ...RUNS]],
  ])("accepts %s", async (_, lines) => {
    expect(await shimFindings(lines)).toEqual([]);
  });
});
