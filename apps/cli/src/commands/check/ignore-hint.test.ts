import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alpinize-ignore-hint-"));
  await writeFile(join(dir, "Dockerfile"), "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const ignore = { images: { ignore: ["nvidia/cuda"] } };

describe("alpinize check when images.ignore names every stage", () => {
  it("names package.json in the hint when the settings came from there", async () => {
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "x", alpinize: ignore }));
    const r = await runCli(["check", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Narrow images.ignore in package.json ("alpinize" key) to');
  });

  it("names alpinize.config.json, or the --config file", async () => {
    await writeFile(join(dir, "alpinize.config.json"), JSON.stringify(ignore));
    expect((await runCli(["check", "."], { cwd: dir })).stderr).toContain(
      "Narrow images.ignore in alpinize.config.json to",
    );
    await writeFile(join(dir, "ci.json"), JSON.stringify(ignore));
    expect((await runCli(["check", "--config", "ci.json", "."], { cwd: dir })).stderr).toContain(
      "Narrow images.ignore in ci.json to",
    );
  });
});
