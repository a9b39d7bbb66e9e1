import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

/** `x="$(echo "$(echo … x)")"`, `n` levels deep. */
const nested = (n: number) => `x=${'"$(echo '.repeat(n)}x${')"'.repeat(n)}`;
const CODE = "ALPINIZE_SHELL_TOO_DEEP";

describe("shell text nested deeper than alpinize reads", () => {
  const tmp = useTempDir("alpinize-too-deep-", { scope: "all" });

  // 2000 levels (20 KB) overflowed the stack: exit 70 and, under --json, nothing on stdout.
  it("is bad input for entrypoint, with the error as JSON", async () => {
    // entrypoint names the file as given: an absolute path, the test runner's cwd being another.
    const s = join(tmp.dir, "s");
    await writeFile(s, `#!/bin/sh\n${nested(2000)}\n`);
    const plain = await runCli(["entrypoint", s], { cwd: tmp.dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain(
      `error ${s}: nesting of $( ), \${ }, <( ) and backquotes deeper`,
    );
    expect(plain.stderr).toContain(
      "than 200 levels (line 2 column 1604); alpinize does not read it",
    );
    const json = await runCli(["entrypoint", "--json", s], { cwd: tmp.dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: CODE, file: s, line: 2 });
  });

  it("leaves a script not checked in check, with code and hint in --json", async () => {
    await writeFile(join(tmp.dir, "s"), `#!/bin/sh\n${nested(2000)}\n`);
    await writeFile(join(tmp.dir, "ok.sh"), "#!/bin/sh\nexec nginx\n");
    const plain = await runCli(["check", "s", "ok.sh"], { cwd: tmp.dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/error s: nesting .*\(not checked\)\n {2}Nothing was rewritten/);
    const json = await runCli(["check", "--json", "s", "ok.sh"], { cwd: tmp.dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        file: "s",
        line: 2,
        rule: "unparsable",
        severity: "error",
        message: expect.stringContaining("deeper than 200 levels"),
        code: CODE,
        hint: expect.stringContaining("variables"),
      },
    ]);
  });

  it("leaves a Dockerfile whose RUN nests too deep untouched in migrate DIR and check", async () => {
    await mkdir(join(tmp.dir, "app"));
    await writeFile(join(tmp.dir, "app/Dockerfile"), `FROM debian:12\nRUN ${nested(201)}\n`);
    const migrate = await runCli(["migrate", "app"], { cwd: tmp.dir });
    expect(migrate.code).toBe(2);
    expect(migrate.stderr).toMatch(
      /error app\/Dockerfile: nesting .* \(line 2\); alpinize does not/,
    );
    const check = await runCli(["check", "--json", "app"], { cwd: tmp.dir });
    expect(check.code).toBe(2);
    expect(JSON.parse(check.stdout)).toContainEqual(
      expect.objectContaining({ file: "app/Dockerfile", line: 2, rule: "unparsable", code: CODE }),
    );
  });

  it("is read at 200 levels", async () => {
    await writeFile(join(tmp.dir, "200.sh"), `#!/bin/sh\n${nested(200)}\n`);
    expect((await runCli(["entrypoint", join(tmp.dir, "200.sh")], { cwd: tmp.dir })).code).toBe(0);
    expect((await runCli(["check", "200.sh"], { cwd: tmp.dir })).code).toBe(0);
  });
});
