import { defaultConfig, defaultTransforms, planRepository } from "@alpinize/repo";
import { describe, expect, it } from "vitest";
import { repoJson, repoSummary } from "./repo-output.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

removeGitReposAfterEach();

// Was: the Dockerfile written for Alpine (apk add su-exec) beside the refused entrypoint that
// still calls useradd and gosu, "1 could not be read or parsed".
describe("migrate DIR and a Dockerfile held back with the entrypoint it runs", () => {
  it("counts it as held back, not as unreadable, in the summary and --json counts", async () => {
    const root = await gitRepo({
      Dockerfile:
        'FROM debian:bookworm-slim\r\nRUN apt-get update && apt-get install -y gosu\r\nCOPY entry.sh /entry.sh\r\nENTRYPOINT ["/entry.sh"]\r\n',
      "entry.sh": '#!/bin/sh\r\nuseradd -u 1001 app\r\nexec gosu app "$@"\r\n',
    });
    const plan = await planRepository(root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    expect(repoSummary(plan, "write", [])).toContain(
      "alpinize migrate: 2 file(s) examined, 0 changed (0 written), 1 could not be read or parsed, 1 held back with a script they run that could not be rewritten; 2 left untouched; Alpine 3.23",
    );
    const doc = JSON.parse(repoJson(plan, [], [], (file) => file));
    expect(doc.counts).toMatchObject({ examined: 2, unreadable: 1, heldBack: 1, toChange: 0 });
    expect(doc.unparsable).toMatchObject([
      { file: "entry.sh", code: "ALPINIZE_ENTRYPOINT_CRLF" },
      { file: "Dockerfile", code: "ALPINIZE_REPO_HELD" },
    ]);
  });
});
