import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const SCRIPT = '#!/bin/sh\nset -e\ngroupadd -g 1001 app\nexec gosu app "$@"\n';

describe("alpinize entrypoint --write and the shims library", () => {
  const tmp = useTempDir("alpinize-remind-shims-", { scope: "all" });

  it("reminds to install the library when it added the source line", async () => {
    const file = join(tmp.dir, "a.sh");
    await writeFile(file, SCRIPT);
    const r = await runCli(["entrypoint", file, "--write", "--source", "/opt/shims.sh"]);
    expect(r.code).toBe(0);
    expect(await readFile(file, "utf8")).toContain(". /opt/shims.sh\n");
    expect(r.stderr).toContain(
      `${file} now sources /opt/shims.sh, which the image must contain: run "alpinize shims print --output ${join(tmp.dir, "alpinize-shims.sh")}" and add "COPY alpinize-shims.sh /opt/shims.sh"`,
    );
  });

  it("says nothing with --inline, on a second run, or without --write", async () => {
    const inline = join(tmp.dir, "b.sh");
    await writeFile(inline, SCRIPT);
    expect((await runCli(["entrypoint", inline, "--write", "--inline"])).stderr).not.toContain(
      "must contain",
    );
    const twice = join(tmp.dir, "c.sh");
    await writeFile(twice, SCRIPT);
    await runCli(["entrypoint", twice, "--write"]);
    expect((await runCli(["entrypoint", twice, "--write"])).stderr).not.toContain("must contain");
    const diff = join(tmp.dir, "d.sh");
    await writeFile(diff, SCRIPT);
    expect((await runCli(["entrypoint", diff])).stderr).not.toContain("must contain");
  });
});
