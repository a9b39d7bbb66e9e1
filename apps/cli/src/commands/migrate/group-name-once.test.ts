import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

removeGitReposAfterEach();

// groupadd -g 999 docker, then lookups by the name the rewrite leaves as written: each word gets
// the rewrite's group-name warning and the lint's finding.
const SCRIPT = [
  "#!/bin/sh",
  "groupadd -g 999 docker",
  "getent group docker",
  "x=$(getent group docker | cut -d: -f3)",
  'exec "$@"',
  "",
].join("\n");
const DOCKERFILE = ["FROM debian:12", "COPY e.sh /e.sh", 'ENTRYPOINT ["/e.sh"]', ""].join("\n");

describe("migrate DIR on an entrypoint naming a group the rewrite leaves", () => {
  it("prints each group-name word once, with the rewrite's words, as alpinize entrypoint does", async () => {
    const root = await gitRepo({ Dockerfile: DOCKERFILE, "e.sh": SCRIPT });
    const r = await runCli(["migrate", "."], { cwd: root });
    const named = r.stderr.split("\n").filter((l) => l.includes("[group-name]"));
    expect(named.map((l) => /e\.sh:(\d+:\d+) /.exec(l)?.[1])).toEqual(["3:14", "4:18"]);
    for (const line of named) expect(line).toContain("alpinize_ensure_group reuses it");
    const single = await runCli(["entrypoint", "e.sh"], { cwd: root });
    const once = single.stderr.split("\n").filter((l) => l.includes("[group-name]"));
    expect(once.map((l) => /e\.sh:(\d+:\d+) /.exec(l)?.[1])).toEqual(["3:14", "4:18"]);
    const json = await runCli(["migrate", ".", "--json"], { cwd: root });
    const script = JSON.parse(json.stdout).files.find((f: { file: string }) => f.file === "e.sh");
    const words = script.warnings.filter((w: { rule: string }) => w.rule === "group-name");
    expect(words.map((w: { line: number; severity?: string }) => [w.line, w.severity])).toEqual([
      [3, "warning"],
      [4, "warning"],
    ]);
  });
});

describe("migrate DIR on two group-name words on one line", () => {
  const twice = (line: string) =>
    ["#!/bin/sh", "groupadd -g 999 docker", "chgrp docker /c", line, 'exec "$@"', ""].join("\n");

  it.each([
    ['echo "$(getent group docker)" "$(getent group docker)"', ["4:22", "4:47"]],
    ['if getent group docker >/dev/null; then echo "$(getent group docker)"; fi', ["4:17", "4:62"]],
  ])("reports each word, as alpinize entrypoint does: %s", async (line, where) => {
    const root = await gitRepo({ Dockerfile: DOCKERFILE, "e.sh": twice(line) });
    const at = (stderr: string) =>
      stderr
        .split("\n")
        .filter((l) => l.includes("[group-name]"))
        .map((l) => /e\.sh:(\d+:\d+) /.exec(l)?.[1]);
    const single = await runCli(["entrypoint", "e.sh"], { cwd: root });
    expect(at(single.stderr)).toEqual(where);
    expect(at((await runCli(["migrate", "."], { cwd: root })).stderr)).toEqual(where);
    const json = await runCli(["migrate", ".", "--json"], { cwd: root });
    const script = JSON.parse(json.stdout).files.find((f: { file: string }) => f.file === "e.sh");
    const words = script.warnings.filter((w: { rule: string }) => w.rule === "group-name");
    expect(words.map((w: { line: number; column: number }) => `${w.line}:${w.column}`)).toEqual(
      where,
    );
  });
});
