import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const env = { HOME: "/nonexistent-alpinize-home", PATH: process.env.PATH };

describe("alpinize pin --check fails closed", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "alpinize-pin-forms-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("fails on compose images it cannot read, naming each with its line and reason", async () => {
    await writeFile(
      join(dir, "compose.yaml"),
      [
        "x-base: &base",
        "  image: reg.lan/app:1.0",
        "services:",
        "  a:",
        "    <<: *base",
        "  e:",
        "    image: >-",
        "      reg.lan/app:1.0",
        "  l:",
        "    image: *img",
        "",
      ].join("\n"),
    );
    const res = await runCli(["pin", "--check", "compose.yaml"], { cwd: dir, env });
    expect(res.code).toBe(1);
    // A merged image is read where the anchor writes it: unpinned, not skipped.
    expect(res.stdout).toBe(
      "compose.yaml:5: reg.lan/app:1.0 (services.a.image, follows the anchor &base on line 2) is not pinned by digest\n",
    );
    expect(res.stderr).toContain(
      "warning compose.yaml:7: skipped >- (services.e.image): it is a block scalar (>-)",
    );
    expect(res.stderr).toContain(
      "warning compose.yaml:10: skipped *img (services.l.image): it is a YAML alias (*img) whose anchor pin cannot find above it",
    );
    expect(res.stderr).toContain("1 unpinned, 0 problems, 2 skipped");
    const json = await runCli(["pin", "--check", "--json", "compose.yaml"], { cwd: dir, env });
    expect(json.code).toBe(1);
    const skipped = JSON.parse(json.stdout).files[0].skipped;
    expect(skipped.map((s: { line: number }) => s.line)).toEqual([7, 10]);
  });

  it("passes a service that builds its image, reporting it as skipped, and checks the rest", async () => {
    const d = `sha256:${"a".repeat(64)}`;
    await writeFile(
      join(dir, "docker-compose.yml"),
      `services:\n  app:\n    build: .\n    image: myapp:local\n  db: { image: "reg.lan/db:1@${d}" }\n`,
    );
    const res = await runCli(["pin", "--check", "docker-compose.yml"], { cwd: dir, env });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(
      "docker-compose.yml:4: skipped myapp:local (services.app.image): the service also has build:",
    );
    expect(res.stderr).toContain("1 already pinned, 0 unpinned, 0 problems, 1 skipped");
  });

  it("reports COPY --from=<image> unpinned, and leaves stage names and numbers", async () => {
    await writeFile(
      join(dir, "Dockerfile"),
      "FROM golang:1.25@sha256:" +
        "b".repeat(64) +
        " AS build\nCOPY --from=build /o /o\nCOPY --from=0 /o /p\nCOPY --from=reg.lan/tools:2 /t /t\n",
    );
    const res = await runCli(["pin", "--check", "Dockerfile"], { cwd: dir, env });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe(
      "Dockerfile:4: reg.lan/tools:2 (COPY --from) is not pinned by digest\n",
    );
  });
});
