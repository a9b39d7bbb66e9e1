import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";

const SCRIPT = [
  "#!/bin/sh",
  'find /data -maxdepth 1 -printf "%u\\n"',
  "ps -eo pid,comm --no-headers",
  "ps aux",
  'exec "$@"',
  "",
].join("\n");

// `alpinize check` lints the scripts an Alpine image runs with the same lint, so it is checked
// here too: one finding per call, naming the package with the GNU tool.
describe("find and ps options busybox rejects", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "alpinize-entrypoint-find-ps-"));
    await writeFile(join(dir, "e.sh"), SCRIPT);
    await writeFile(
      join(dir, "Dockerfile"),
      'FROM alpine:3.23\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("are errors of alpinize entrypoint, with the fix", async () => {
    const file = join(dir, "e.sh");
    const r = await runCli(["entrypoint", file, "--check"]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n").filter((l) => l.includes("[gnu-option]"));
    expect(lines).toEqual([
      `error ${file}:2:24 [gnu-option] busybox find has no -printf; print with -exec stat -c FORMAT {} + (busybox stat takes -c), or apk add findutils`,
      `error ${file}:3:17 [gnu-option] busybox ps has no --no-headers; give every column an empty header (ps -o pid= -o comm=): busybox then prints no header line, or apk add procps-ng`,
    ]);
  });

  it("are findings of alpinize check, once each", async () => {
    const r = await runCli(["check", "."], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout
      .concat(r.stderr)
      .split("\n")
      .filter((l) => l.includes("gnu-option"));
    expect(lines.map((l) => l.replace(/;.*/, ""))).toEqual([
      "e.sh:2: entrypoint-lint: gnu-option: busybox find has no -printf",
      "e.sh:3: entrypoint-lint: gnu-option: busybox ps has no --no-headers",
    ]);
    // The finding and its fix read the same in both commands: "message; fix".
    const entrypoint = await runCli(["entrypoint", "e.sh", "--check"], { cwd: dir });
    const text = (out: string, mark: string) =>
      out
        .split("\n")
        .filter((l) => l.includes(mark))
        .map((l) => l.slice(l.indexOf(mark) + mark.length));
    expect(text(entrypoint.stderr, "[gnu-option] ")).toEqual(
      text(lines.join("\n"), "gnu-option: "),
    );
  });
});
