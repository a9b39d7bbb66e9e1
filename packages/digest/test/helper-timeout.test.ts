import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCredentialHelper } from "../src/credentials/helper.js";

let bin: string;
beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), "alpinize-helper-timeout-"));
  // A helper whose child outlives it: killing the helper alone leaves our stdout pipe open.
  const path = join(bin, "docker-credential-alpinizestuck");
  await writeFile(path, "#!/bin/sh\nsleep 30\n");
  await chmod(path, 0o755);
});
afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});

const pipes = () => process.getActiveResourcesInfo().filter((r) => r === "PipeWrap").length;

it("a helper that hangs is given up on and leaves no pipe holding the process open", async () => {
  const before = pipes();
  const result = await runCredentialHelper(
    "alpinizestuck",
    "127.0.0.1:1",
    { PATH: `${bin}:${process.env.PATH}` },
    300,
  );
  expect(result.problem).toBe("docker-credential-alpinizestuck did not answer within 300 ms");
  await new Promise((resolve) => setTimeout(resolve, 100));
  // Before the fix the helper's `sleep` kept the stdout pipe (and so the CLI) alive for 30 s.
  expect(pipes()).toBeLessThanOrEqual(before);
});
