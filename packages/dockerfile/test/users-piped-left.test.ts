import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../src/index.js";

// migrate leaves a useradd inside a pipeline as is: busybox goes on after `| true` or `| cat`,
// but the user is never made, so the call counts as a Debian tool left whatever guards it.
describe("a user tool migrate leaves as is inside a pipeline", () => {
  it.each([
    "useradd app | cat",
    "useradd app | true",
    "useradd app | tee /dev/null",
    "useradd app | head -1",
    "groupadd -g 1001 web | sort",
  ])("%s is a Debian tool left", (run) => {
    const r = migrateDockerfile(`FROM debian:bookworm-slim\nRUN ${run}\n`, { release: "3.24" });
    expect(r.warnings.map((w) => w.message)).toContain(
      `${run.split(" ")[0]} inside a pipeline left as is`,
    );
    expect(r.debianToolsLeft.map(({ tool, line }) => ({ tool, line }))).toEqual([
      { tool: run.split(" ")[0], line: 2 },
    ]);
  });

  it("a guarded call migrate converts is no tool left", () => {
    const r = migrateDockerfile("FROM debian:bookworm-slim\nRUN useradd app || true\n", {
      release: "3.24",
    });
    expect(r.debianToolsLeft).toEqual([]);
  });
});
