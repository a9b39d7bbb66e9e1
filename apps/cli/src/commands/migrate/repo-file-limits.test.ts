import { defaultConfig, defaultTransforms, planRepository } from "@alpinize/repo";
import { describe, expect, it } from "vitest";
import { repoJson, repoSummary } from "./repo-output.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

removeGitReposAfterEach();

// One past each limit: 50,000 instructions, 200,000 sh -c strings in the RUN lines.
const TOO_MANY_INSTRUCTIONS = `FROM debian:12\n${"RUN true\n".repeat(50_001)}`;
const TOO_MANY_SHELL_STRINGS = `FROM debian:12\nRUN true${";sh -c x".repeat(200_001)}\n`;

// They were counted among the files that "could not be read or parsed", as a binary file is.
describe("migrate DIR counts a Dockerfile the instruction or sh -c string limit refused", () => {
  it("under its limit in the summary and --json counts, its code kept in unparsable", async () => {
    const root = await gitRepo({
      "bin/Dockerfile": "FROM debian:12\n\u0000\n",
      "ins/Dockerfile": TOO_MANY_INSTRUCTIONS,
      "ok/Dockerfile": "FROM debian:12\nRUN apt-get install -y curl\n",
      "sh/Dockerfile": TOO_MANY_SHELL_STRINGS,
    });
    const plan = await planRepository(root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    expect(repoSummary(plan, "diff", [])).toContain(
      "alpinize migrate: 4 file(s) examined, 1 need changes, 1 could not be read or parsed, 1 refused by the instruction-count limit, 1 refused by the sh -c string limit; 3 left untouched; Alpine 3.23",
    );
    const doc = JSON.parse(repoJson(plan, [], [], (file) => file));
    expect(doc.counts).toMatchObject({
      examined: 4,
      unreadable: 1,
      overPackageLimit: 0,
      overInstructionLimit: 1,
      overShellStringLimit: 1,
    });
    expect(doc.unparsable).toMatchObject([
      { file: "bin/Dockerfile" },
      { file: "ins/Dockerfile", code: "ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS" },
      { file: "sh/Dockerfile", code: "ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS" },
    ]);
  }, 60_000);
});
