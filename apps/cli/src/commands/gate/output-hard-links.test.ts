import { linkSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";
import { alpineImageReport } from "../../test-support/trivy-report.js";

const tmp = useTempDir("alpinize-gate-hard-links-");
const read = (name: string) => readFileSync(join(tmp.dir, name), "utf8");

// --output replaces its file with a new inode: other hard links keep the old text, which the
// JSON written says as migrate DIR --json and entrypoint --json do (`hardLinks`).
describe("gate --json --output FILE with other hard links", () => {
  it("lists them in the document's hardLinks and warns on stderr", async () => {
    writeFileSync(join(tmp.dir, "rep.json"), alpineImageReport([]));
    writeFileSync(join(tmp.dir, "out.json"), "old\n");
    linkSync(join(tmp.dir, "out.json"), join(tmp.dir, "keep.json"));
    const r = await runCli(["gate", "rep.json", "--json", "--output", "out.json"], {
      cwd: tmp.dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const doc = JSON.parse(read("out.json")) as { schema: string; hardLinks: unknown };
    expect(doc.schema).toBe("alpinize.gate/v1");
    expect(doc.hardLinks).toEqual([
      {
        file: "out.json",
        otherLinks: 1,
        message: expect.stringContaining("had 1 other hard link; --output replaced it"),
      },
    ]);
    expect(r.stderr).toContain("out.json: had 1 other hard link; --output replaced it");
    expect(read("keep.json")).toBe("old\n");
  });

  it("has no hardLinks when the file had none", async () => {
    writeFileSync(join(tmp.dir, "rep.json"), alpineImageReport([]));
    const r = await runCli(["gate", "rep.json", "--json", "--output", "new.json"], {
      cwd: tmp.dir,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(read("new.json"))).not.toHaveProperty("hardLinks");
  });
});
