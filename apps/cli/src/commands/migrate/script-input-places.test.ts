import { expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

removeGitReposAfterEach();

// A tester's migrate DIR (no --write) printed e.sh:2:54 [alpine-id] where input line 2 is 22
// characters: 54 was the column in the rewritten line. alpinize entrypoint said 2:13.
const SCRIPT = [
  "#!/bin/sh",
  "groupadd -g 999 docker",
  "getent group docker",
  'if getent group docker >/dev/null; then echo "$(getent group docker)"; fi',
  'exec "$@"',
  "",
].join("\n");
const DOCKERFILE = ["FROM debian:12", "COPY e.sh /e.sh", 'ENTRYPOINT ["/e.sh"]', ""].join("\n");

it("migrate DIR without --write gives a script's findings at the input places alpinize entrypoint gives", async () => {
  const root = await gitRepo({ Dockerfile: DOCKERFILE, "e.sh": SCRIPT });
  const places = (stderr: string) =>
    stderr
      .split("\n")
      .map((l) => /e\.sh:(\d+:\d+) \[([\w-]+)\]/.exec(l))
      .filter((m) => m !== null)
      .map((m) => `${m[1]} ${m[2]}`)
      .sort();
  const single = places((await runCli(["entrypoint", "e.sh"], { cwd: root })).stderr);
  expect(single).toContain("2:13 alpine-id");
  const dir = places((await runCli(["migrate", "."], { cwd: root })).stderr);
  expect(dir).toEqual(single);
  const input = SCRIPT.split("\n");
  for (const at of dir) {
    const [line, column] = at.split(" ")[0]!.split(":").map(Number);
    expect(column!, at).toBeLessThanOrEqual(input[line! - 1]!.length);
  }
});
