import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

removeGitReposAfterEach();

// A tester's migrate DIR --write printed "Dockerfile:3: [script-not-found] missing.sh, which the
// RUN on line 7 runs": line 3 of the written file, but its RUN is line 4 there, not 7.
const DOCKERFILE = [
  "FROM debian:12 AS a",
  "ARG DEBIAN_FRONTEND=noninteractive",
  "RUN apt-get update \\",
  " && apt-get install -y --no-install-recommends curl \\",
  " && rm -rf /var/lib/apt/lists/*",
  "COPY missing.sh /m.sh",
  "RUN /m.sh",
  "",
].join("\n");

it("migrate DIR --write names the RUN in a warning's words at its line in the written file", async () => {
  const root = await gitRepo({ Dockerfile: DOCKERFILE });
  const diff = await runCli(["migrate", "."], { cwd: root });
  expect(diff.stderr).toContain(
    "Dockerfile:6: [script-not-found] missing.sh, which the RUN on line 7 runs",
  );
  const r = await runCli(["migrate", ".", "--write"], { cwd: root });
  expect(r.stderr).toContain(
    "Dockerfile:3: [script-not-found] missing.sh, which the RUN on line 4 runs",
  );
  const written = (await readFile(join(root, "Dockerfile"), "utf8")).split("\n");
  expect(written[2]).toBe("COPY missing.sh /m.sh");
  expect(written[3]).toBe("RUN /m.sh");
});
