import { link, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { gitRepo, removeGitReposAfterEach } from "./repo-test-support.js";

const DEBIAN = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
const ENTRY = '#!/bin/sh\nuseradd -r app\nexec "$@"\n';
const WITH_ENTRY = 'FROM debian:12\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n';
let root = "";
removeGitReposAfterEach();

describe("migrate DIR --report", () => {
  it.each([
    ["Dockerfile", ["--check"]],
    ["Dockerfile", ["--write"]],
    ["e.sh", ["--write"]],
    ["./sub/../e.sh", []],
  ])(
    "refuses --report %s (a file the run migrates) with exit 2, touching nothing",
    async (report, flags) => {
      root = await gitRepo({ Dockerfile: WITH_ENTRY, "e.sh": ENTRY });
      const r = await runCli(["migrate", ".", "--alpine", "3.23", "--report", report, ...flags], {
        cwd: root,
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /--report .* is (Dockerfile|e\.sh), a file this migration reads or rewrites/,
      );
      expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(WITH_ENTRY);
      expect(await readFile(join(root, "e.sh"), "utf8")).toBe(ENTRY);
    },
  );

  it("refuses a report path that is a link to a migrated file", async () => {
    root = await gitRepo({ Dockerfile: DEBIAN });
    await symlink(join(root, "Dockerfile"), join(root, "REPORT.md"));
    const r = await runCli(["migrate", ".", "--write", "--report", "REPORT.md"], { cwd: root });
    expect(r.code).toBe(2);
    expect(await readFile(join(root, "Dockerfile"), "utf8")).toBe(DEBIAN);
  });

  it("refuses a hard link to a migrated file (the same device and inode)", async () => {
    root = await gitRepo({ Dockerfile: DEBIAN });
    await link(join(root, "Dockerfile"), join(root, "REPORT.md"));
    const r = await runCli(["migrate", ".", "--report", "REPORT.md"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a file this migration reads or rewrites");
    expect(await readFile(join(root, "REPORT.md"), "utf8")).toBe(DEBIAN);
  });

  it.each([
    [{ "alpinize.config.json": '{"alpine": "3.23"}\n' }, "alpinize.config.json", []],
    [{ "my.json": '{"alpine": "3.23"}\n' }, "my.json", ["--config", "my.json"]],
    [{ "package.json": '{"name": "x"}\n' }, "package.json", []],
  ])("refuses the settings file %j the run reads", async (files, report, flags) => {
    root = await gitRepo({ Dockerfile: DEBIAN, ...files });
    const r = await runCli(["migrate", ".", "--report", report, ...flags], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--report ${join(root, report)} is ${report}, a file`);
    expect(await readFile(join(root, report), "utf8")).toBe(Object.values(files)[0]);
  });

  it("refuses a compose file the run lists", async () => {
    const compose = "services:\n  a:\n    image: debian:bookworm-slim\n";
    root = await gitRepo({ Dockerfile: DEBIAN, "compose.yaml": compose });
    const r = await runCli(["migrate", ".", "--report", "compose.yaml"], { cwd: root });
    expect(r.code).toBe(2);
    expect(await readFile(join(root, "compose.yaml"), "utf8")).toBe(compose);
  });

  it.each([
    [".gitignore", {}],
    ["sub/.gitignore", {}],
    [".git/info/exclude", {}],
    [
      "tools/install.sh",
      {
        Dockerfile: "FROM debian:12\nCOPY tools/install.sh /tmp/\nRUN sh /tmp/install.sh\n",
        "tools/install.sh": "#!/bin/sh\nuseradd -r app\n",
      },
    ],
  ])(
    "refuses %s, a file the run reads to decide what to do, with exit 2",
    async (report, files: Record<string, string>) => {
      const ignores = { ".gitignore": "dist/\n", "sub/.gitignore": "*.bak\n" };
      root = await gitRepo({ Dockerfile: DEBIAN, "sub/Dockerfile": DEBIAN, ...ignores, ...files });
      const before = await readFile(join(root, report), "utf8");
      const r = await runCli(["migrate", ".", "--write", "--report", report], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `is ${report}, a file this migration reads or rewrites; nothing was written`,
      );
      expect(await readFile(join(root, report), "utf8")).toBe(before);
      expect(await readFile(join(root, "sub/Dockerfile"), "utf8")).toBe(DEBIAN);
    },
  );

  it("an unparsable Dockerfile is a file of the run too", async () => {
    const broken = "# escape=x\nFROM debian:12\n";
    root = await gitRepo({ Dockerfile: DEBIAN, "old/Dockerfile": broken });
    const r = await runCli(["migrate", ".", "--report", "old/Dockerfile"], { cwd: root });
    expect(r.code).toBe(2);
    expect(await readFile(join(root, "old/Dockerfile"), "utf8")).toBe(broken);
  });
});

describe("migrate DIR that finds nothing", () => {
  it.each([[["--check"]], [["--write"]], [[]]])("exits 2 with %j, as check does", async (flags) => {
    root = await gitRepo({ "README.md": "nothing here\n" });
    const r = await runCli(["migrate", ".", ...flags], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no Dockerfile or Containerfile found in \.; nothing was migrated/);
    expect(r.stdout).toBe("");
  });
});

describe("migrate DIR: usage and unparsable scripts", () => {
  it("asks for one directory when given two", async () => {
    root = await gitRepo({ "a/Dockerfile": DEBIAN, "b/Dockerfile": DEBIAN });
    const r = await runCli(["migrate", "a", "b"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pass one directory (got 2: a, b)");
  });

  it.each([["--write"], ["--check"]])(
    "exits 2 with %s on an entrypoint with a shell syntax error, leaving it untouched",
    async (flag) => {
      const broken = '#!/bin/sh\necho "unclosed\nuseradd -r app\n';
      root = await gitRepo({ Dockerfile: WITH_ENTRY, "e.sh": broken });
      const r = await runCli(["migrate", ".", "--alpine", "3.23", flag], { cwd: root });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error e\.sh:2:6: shell syntax error: .*\(left untouched\)/);
      expect(await readFile(join(root, "e.sh"), "utf8")).toBe(broken);
    },
  );
});
