import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_RELEASE } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { runRepositoryMigration } from "./dir.js";
import { captureIo, gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

const DEBIAN = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
removeGitReposAfterEach();

/** The last line migrate DIR prints on stderr. */
async function summaryOf(files: Record<string, string>, flags: { alpine?: string } = {}) {
  const root = await gitRepo(files);
  const { io, stderr } = captureIo(root);
  await runRepositoryMigration(".", flags, io);
  return stderr.text.trimEnd().split("\n").pop();
}

describe("migrate DIR's summary names the release as migrate FILE does", () => {
  it("says a release nobody chose is the default, and how to choose one", async () => {
    expect(await summaryOf({ Dockerfile: DEBIAN })).toBe(
      `alpinize migrate: 1 file(s) examined, 1 need changes; Alpine ${DEFAULT_RELEASE} (the default; pass --alpine to choose)`,
    );
  });

  it("names a release --alpine or the config chose plainly", async () => {
    expect(await summaryOf({ Dockerfile: DEBIAN }, { alpine: "3.23" })).toBe(
      "alpinize migrate: 1 file(s) examined, 1 need changes; Alpine 3.23",
    );
    const config = { "alpinize.config.json": JSON.stringify({ alpine: "3.22" }) };
    expect(await summaryOf({ Dockerfile: DEBIAN, ...config })).toBe(
      "alpinize migrate: 1 file(s) examined, 1 need changes; Alpine 3.22",
    );
  });
});

describe("migrate DIR's problems", () => {
  it("prints the hint of a file it could not read or parse under its error, as check does", async () => {
    const root = await gitRepo({ "svc/Dockerfile": DEBIAN, "old/Dockerfile": DEBIAN });
    await writeFile(join(root, "old/Dockerfile"), "FROM debian:12\n\u0000\n");
    const { io, stderr } = captureIo(root);
    expect(await runRepositoryMigration(".", { alpine: "3.23" }, io)).toBe(2);
    expect(stderr.text).toContain(
      "error old/Dockerfile: binary file (contains NUL bytes) (left untouched)\n  Add it to .gitignore if it is not a Dockerfile.\n",
    );
    const json = captureIo(root);
    await runRepositoryMigration(".", { alpine: "3.23", json: true }, json.io);
    expect(JSON.parse(json.stdout.text).unparsable).toEqual([
      expect.objectContaining({
        file: "old/Dockerfile",
        hint: "Add it to .gitignore if it is not a Dockerfile.",
      }),
    ]);
  });

  it("warns that an entrypoint script missing from the directory was not migrated", async () => {
    const root = await gitRepo({
      "svc/Dockerfile": `${DEBIAN}COPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n`,
    });
    const { io, stderr } = captureIo(root);
    expect(await runRepositoryMigration(".", { alpine: "3.23" }, io)).toBe(0);
    expect(stderr.text).toMatch(
      /^warning svc\/Dockerfile:3: \[script-not-found\] entry\.sh, which ENTRYPOINT runs \(as \/entry\.sh\) in stage 0, is in neither the Dockerfile's folder nor the directory migrated, so it was not migrated/m,
    );
  });
});
