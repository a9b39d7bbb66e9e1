import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "../migrate/repo-test-support.js";

// A tester found `check --config nonexist.json` (and `migrate DIR --config …`) name
// /abs/path/nonexist.json: the loader words the path relative to the working folder, as every
// other message about the settings file does.

const DEBIAN = "FROM debian:bookworm\n";
removeGitReposAfterEach();

const COMMANDS: Record<string, string[]> = {
  check: ["check", "."],
  "migrate DIR": ["migrate", "."],
};

describe.each(Object.keys(COMMANDS))(
  "%s --config names the settings file as other messages do",
  (command) => {
    const argv = COMMANDS[command]!;
    it.each([
      ["nonexist.json", "config file nonexist.json does not exist"],
      ["./sub/../nonexist.json", "config file nonexist.json does not exist"],
      ["sub", "cannot read sub: is a directory"],
    ])("--config %s", async (given, message) => {
      const root = await gitRepo({ Dockerfile: DEBIAN });
      await mkdir(join(root, "sub"));
      const r = await runCli([...argv, "--config", given], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error ${message}`);
      expect(r.stderr).not.toContain(root);
      const json = await runCli([...argv, "--json", "--config", given], { cwd: root });
      expect(json.code).toBe(2);
      expect(json.stdout).toContain(message);
      expect(json.stdout).not.toContain(root);
    });

    it("names a file outside the working folder by its absolute path", async () => {
      const root = await gitRepo({ Dockerfile: DEBIAN });
      const outside = await gitRepo({ "x.txt": "" });
      const absolute = join(outside, "nonexist.json");
      const r = await runCli([...argv, "--config", absolute], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error config file ${absolute} does not exist`);
    });
  },
);
