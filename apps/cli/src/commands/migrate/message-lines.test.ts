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

// migrate FILE --write placed the warning on line 4 of the written file, but its words still
// named the input's line 5 for usermod -l, which is line 3 there.
const RENAMED = [
  "FROM debian:12",
  "RUN apt-get update \\",
  " && apt-get install -y --no-install-recommends curl \\",
  " && rm -rf /var/lib/apt/lists/*",
  "RUN useradd -m app && usermod -l web app",
  "USER app",
  "",
].join("\n");

it("migrate FILE --write names the lines in a warning's words as migrate DIR --write does", async () => {
  const root = await gitRepo({ Dockerfile: RENAMED });
  const file = join(root, "Dockerfile");
  const diff = await runCli(["migrate", "--alpine", "3.23", file]);
  expect(diff.stderr).toContain("Dockerfile:6:1 [users] usermod -l on line 5 renamed user app");
  const json = JSON.parse((await runCli(["migrate", "--alpine", "3.23", "--json", file])).stdout);
  const renamed = json.files[0].warnings.find((w: { line: number }) => w.line === 6);
  expect(renamed.message).toContain("usermod -l on line 5");
  expect(renamed.outputMessage).toContain("usermod -l on line 3");
  const r = await runCli(["migrate", "--alpine", "3.23", "--write", file]);
  expect(r.stderr).toContain("Dockerfile:4:1 [users] usermod -l on line 3 renamed user app");
  const written = (await readFile(file, "utf8")).split("\n");
  expect(written[2]).toBe("RUN adduser -D app && usermod -l web app");
  const dir = await gitRepo({ Dockerfile: RENAMED });
  const repo = await runCli(["migrate", ".", "--alpine", "3.23", "--write"], { cwd: dir });
  expect(repo.stderr).toContain("Dockerfile:4:1 [users] usermod -l on line 3 renamed user app");
});
