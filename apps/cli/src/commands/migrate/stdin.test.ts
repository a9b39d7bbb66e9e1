import { MAX_DOCKERFILE_BYTES } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { createIo } from "../../io.js";
import { readStdin } from "./index.js";

const io = createIo({
  stdout: process.stdout,
  stderr: process.stderr,
  env: {},
  cwd: process.cwd(),
});

async function* chunks(total: number, size: number): AsyncIterable<Buffer> {
  for (let sent = 0; sent < total; sent += size)
    yield Buffer.alloc(Math.min(size, total - sent), 0x61);
}

describe("migrate - (standard input)", () => {
  it("reads a Dockerfile from standard input", async () => {
    await expect(readStdin(io, chunks(10, 4))).resolves.toBe("aaaaaaaaaa");
  });

  it("refuses input larger than a Dockerfile can be, without loading it all", async () => {
    await expect(readStdin(io, chunks(MAX_DOCKERFILE_BYTES + 1, 64 * 1024))).rejects.toMatchObject({
      code: "ALPINIZE_MIGRATE_TOO_LARGE",
      exitCode: 2,
      // Worded as a Dockerfile named on the command line (it said "not a Dockerfile").
      message: "<stdin>: larger than 4 MiB: a Dockerfile too large for alpinize to read",
      hint: "Split it into Dockerfiles of at most 4 MiB each, then migrate each of them.",
    });
  });
});
