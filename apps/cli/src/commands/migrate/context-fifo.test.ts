import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../../test-support/temp-dir.js";
import { contextReader } from "./file.js";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "dist", "bin.js");
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

const tmp = useTempDir("alpinize-context-fifo-");

describe.skipIf(!hasMkfifo)("a COPY source that is a named pipe", () => {
  it("is not read: migrate finishes instead of waiting for a writer", () => {
    const dockerfile = join(tmp.dir, "Dockerfile");
    writeFileSync(
      dockerfile,
      'FROM debian:12\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n',
    );
    expect(spawnSync("mkfifo", [join(tmp.dir, "entry.sh")]).status).toBe(0);
    writeFileSync(join(tmp.dir, "script.sh"), "#!/bin/sh\nexec true\n");
    // In a child with a time limit: a blocking open would otherwise hang the test run.
    const r = spawnSync(process.execPath, [BIN, "migrate", "--alpine", "3.23", "Dockerfile"], {
      cwd: tmp.dir,
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect([r.signal, r.status], r.stderr).toEqual([null, 0]);
    expect(r.stdout).toContain("+FROM alpine:3.23");
    const read = contextReader(dockerfile);
    expect(read("/entry.sh")).toBeUndefined();
    expect(read("script.sh")).toBe("#!/bin/sh\nexec true\n");
  });
});
