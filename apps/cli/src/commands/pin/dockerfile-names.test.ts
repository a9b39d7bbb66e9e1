import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";

/** `Dockerfile.sh`, `Dockerfile.txt`…: pin reads them by what they hold, as migrate DIR and check DIR do. */
describe("alpinize pin on names such as Dockerfile.sh", () => {
  const fx = useRegistry({ dir: "alpinize-pin-names-" });
  const SCRIPT = "#!/bin/sh\nFROM=debian:trixie\nexec docker run $FROM\n";

  it("pins one that holds a Dockerfile: plan, --check, --write, --check", async () => {
    const ref = `${fx.registry.host}/team/app:1.0`;
    const file = join(fx.dir, "Dockerfile.sh");
    await writeFile(file, `# build\nARG BASE=${ref}\nFROM \${BASE}\n`);
    const run = (...args: string[]) =>
      runCli(["pin", ...args, "Dockerfile.sh"], { cwd: fx.dir, env });

    const check = await run("--check", "--json");
    expect(check.code, check.stderr).toBe(1);
    expect(JSON.parse(check.stdout).files[0]).toMatchObject({
      file: "Dockerfile.sh",
      kind: "dockerfile",
    });
    expect((await run()).code).toBe(1);

    const write = await run("--write");
    expect(write.code, write.stderr).toBe(0);
    expect(await readFile(file, "utf8")).toBe(
      `# build\nARG BASE=${ref}@${fx.app.indexDigest}\nFROM \${BASE}\n`,
    );
    expect((await run("--check")).code).toBe(0);
  });

  it("refuses one that does not (exit 2, nothing written), in every mode", async () => {
    const cases: [string, string, RegExp][] = [
      [
        "Dockerfile.bash",
        SCRIPT,
        /Dockerfile\.bash: named like a Dockerfile, but it starts with #!/,
      ],
      ["Dockerfile.txt", "", /Dockerfile\.txt: .*holds no instruction/],
      [
        "Dockerfile.md",
        "# Notes\n\nBuilt FROM debian.\n",
        /Dockerfile\.md: .*not a FROM or an ARG/,
      ],
    ];
    for (const [name, text, message] of cases) {
      await writeFile(join(fx.dir, name), text);
      for (const mode of [["--check"], ["--write"], []]) {
        const r = await runCli(["pin", ...mode, name], { cwd: fx.dir, env });
        expect(r.code, `${name} ${mode}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).toContain("pass --kind dockerfile");
      }
      const json = await runCli(["pin", "--check", "--json", name], { cwd: fx.dir, env });
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout).errors[0]).toMatchObject({
        code: "ALPINIZE_PIN_UNKNOWN_KIND",
        file: name,
      });
      expect(await readFile(join(fx.dir, name), "utf8")).toBe(text);
    }
  });

  it("writes nothing when one file of several is refused", async () => {
    const dockerfile = `FROM ${fx.registry.host}/team/app:1.0\n`;
    await writeFile(join(fx.dir, "Dockerfile.bak"), dockerfile);
    await writeFile(join(fx.dir, "Dockerfile.zsh"), SCRIPT);
    const r = await runCli(["pin", "--write", "Dockerfile.bak", "Dockerfile.zsh"], {
      cwd: fx.dir,
      env,
    });
    expect(r.code).toBe(2);
    expect(await readFile(join(fx.dir, "Dockerfile.bak"), "utf8")).toBe(dockerfile);
  });
});
