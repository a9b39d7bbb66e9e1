import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";
import { help } from "./index.js";

const tmp = useTempDir("alpinize-help-kept-");
const flat = help.replace(/\s+/g, " ");

// Each step --help names as left as is, with the tool the summary names: the stage moves anyway.
const LEFT_STEPS = [
  ["apt-get source", "apt-get source nginx", "apt-get"],
  ["build-dep", "apt-get build-dep -y nginx", "apt-get"],
  ["dpkg --add-architecture", "dpkg --add-architecture i386", "dpkg"],
  ["dpkg-scanpackages", "dpkg-scanpackages . > Packages", "dpkg-scanpackages"],
  ["dpkg-divert", "dpkg-divert --local --rename /usr/bin/x", "dpkg-divert"],
  ["xargs apt-get", "cat list | xargs apt-get install -y", "apt-get"],
] as const;

async function migrate(text: string, ...flags: string[]) {
  const file = join(tmp.dir, "Dockerfile");
  writeFileSync(file, text);
  const r = await runCli(["migrate", "--alpine", "3.23", ...flags, file]);
  return { ...r, after: readFileSync(file, "utf8") };
}

describe("migrate --help says which stages move with a Debian step left", () => {
  it.each(LEFT_STEPS)(
    "%s: named in --help; the stage moves and --check exits 1 naming the line",
    async (named, step, tool) => {
      expect(flat).toContain(named);
      const written = await migrate(`FROM debian:bookworm-slim\nRUN ${step}\n`, "--write");
      expect(written.code, written.stderr).toBe(0);
      expect(written.after).toMatch(/^FROM alpine:3\.23\n/);
      const check = await migrate(written.after, "--check");
      expect(check.code).toBe(1);
      expect(check.stderr).toContain(`(${tool} at line 2)`);
    },
  );

  it("only a RUN it cannot read keeps the stage on Debian, and --check passes", async () => {
    expect(flat).toContain(
      "Only a RUN migrate cannot read at all (exec form, or text sh cannot parse)",
    );
    expect(flat).toContain("--check then exits 1 until you rewrite it");
    const r = await migrate(
      'FROM debian:bookworm-slim\nRUN ["apt-get", "build-dep", "nginx"]\n',
      "--check",
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("its stage stays on debian:bookworm-slim (line 1)");
  });
});
