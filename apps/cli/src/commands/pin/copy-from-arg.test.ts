import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../../test-support/registry.js";

describe("alpinize pin on COPY --from=$ARG", () => {
  const fx = useRegistry({ dir: "alpinize-pin-copy-arg-" });

  it("pins the global ARG holding the whole reference: --write, then --check passes", async () => {
    const r = fx.registry.host;
    const file = join(fx.dir, "Dockerfile");
    const text = `ARG TOOLS_IMAGE=${r}/team/app:1.0\nFROM scratch\nCOPY --from=\${TOOLS_IMAGE} /x /x\n`;
    await writeFile(file, text);

    // Docker's builder refuses the COPY line: a warning with the form it builds, on stderr.
    const refused =
      `Dockerfile:3: \${TOOLS_IMAGE} (COPY --from): Docker's BuildKit refuses a variable in COPY --from ("variable expansion is not supported for --from"; podman and buildah expand it): ` +
      `for Docker, add a stage FROM \${TOOLS_IMAGE} AS tools before this one and write COPY --from=tools instead of --from=\${TOOLS_IMAGE}; pin pins ARG TOOLS_IMAGE (line 1) for both`;
    const check = await runCli(["pin", "--check", "Dockerfile"], { cwd: fx.dir, env });
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(
      `Dockerfile:1: ${r}/team/app:1.0 (ARG TOOLS_IMAGE) is not pinned by digest\n`,
    );
    expect(check.stderr).toContain(`warning ${refused}\n`);
    expect(check.stderr).not.toMatch(/: skipped /);

    const write = await runCli(["pin", "--write", "Dockerfile"], { cwd: fx.dir, env });
    expect(write.code).toBe(0);
    expect(await readFile(file, "utf8")).toBe(
      text.replace(`${r}/team/app:1.0`, `${r}/team/app:1.0@${fx.app.indexDigest}`),
    );
    // The warning is advice: once the ARG is pinned, --check passes with it.
    const recheck = await runCli(["pin", "--check", "Dockerfile"], { cwd: fx.dir, env });
    expect([recheck.code, recheck.stderr]).toEqual([0, expect.stringContaining(refused)]);
    const json = await runCli(["pin", "--check", "--json", "Dockerfile"], { cwd: fx.dir, env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).files[0]).toMatchObject({
      skipped: [],
      warnings: [
        {
          line: 3,
          where: "COPY --from",
          reference: `\${TOOLS_IMAGE}`,
          message: expect.stringContaining(`FROM \${TOOLS_IMAGE} AS tools`),
        },
      ],
    });
  });

  it("gives a stage's own ARG advice that works for COPY --from, not FROM $GO_IMAGE", async () => {
    const r = fx.registry.host;
    await writeFile(
      join(fx.dir, "Dockerfile"),
      `FROM scratch\nARG TOOLS_IMAGE=${r}/team/app:1.0\nCOPY --from=\${TOOLS_IMAGE} /x /x\n`,
    );
    const check = await runCli(["pin", "--check", "Dockerfile"], { cwd: fx.dir, env });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      `Dockerfile:3: skipped \${TOOLS_IMAGE} (COPY --from): it takes ARG TOOLS_IMAGE from this stage (line 2)`,
    );
    expect(check.stderr).toContain("Docker's BuildKit does not expand variables in --from");
    expect(check.stderr).toContain(`FROM \${TOOLS_IMAGE} AS <stage>, then COPY --from=<stage>`);
    expect(check.stderr).not.toContain("GO_IMAGE");
  });
});
