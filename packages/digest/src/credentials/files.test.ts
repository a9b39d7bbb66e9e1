import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fifoGuard, fifoWriter } from "@alpinize/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { readAuthFile } from "./files.js";
import { createCredentialStore } from "./store.js";

const dir = mkdtempSync(join(tmpdir(), "alpinize-auth-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

const fifo = (name: string) => {
  execFileSync("mkfifo", [join(dir, name)]);
  return join(dir, name);
};

describe("readAuthFile stays within its 1 MiB limit", () => {
  it("refuses a huge (sparse) file by its size, without reading it", async () => {
    const huge = join(dir, "huge.json");
    writeFileSync(huge, "{}");
    truncateSync(huge, 3 * 1024 ** 3);
    await expect(readAuthFile(huge)).rejects.toThrow(/^it is larger than 1 MiB$/);
  });

  it.skipIf(!hasMkfifo)("refuses a FIFO fed more than the limit, reading none of it", async () => {
    const path = fifo("fed.json");
    // The writer only finishes once a reader took all 4 MiB: refused unread, nothing takes it.
    const writer = fifoWriter(path, Buffer.alloc(4 * 1024 * 1024, 0x20), 2000);
    await expect(readAuthFile(path)).rejects.toThrow(/pipe, socket or device, not a regular file/);
    // The FIFO stays until the writer gives up: removed earlier, a writer that a loaded machine
    // started late would create a plain file in its place and "deliver" all of it.
    await expect(writer.written).rejects.toThrow(/nothing read the FIFO/);
    rmSync(path);
  });

  it.skipIf(!hasMkfifo)("does not wait on a FIFO that no one writes", async () => {
    const path = fifo("silent.json");
    // Should it be opened blocking after all, the open is freed after 2 s and the message differs.
    const guard = fifoGuard(path, 2000);
    try {
      await expect(readAuthFile(path)).rejects.toThrow(/not a regular file; not read$/);
    } finally {
      guard.stop();
    }
  });

  it.skipIf(!hasMkfifo)("a FIFO as config.json is a warning, and the lookup goes on", async () => {
    const config = join(dir, "docker");
    mkdirSync(config);
    const guard = fifoGuard(fifo("docker/config.json"), 2000);
    try {
      const store = createCredentialStore({ env: { DOCKER_CONFIG: config, PATH: "" } });
      expect(await store.get("registry.example", "app")).toBeUndefined();
      expect(store.warnings()).toEqual([
        `ignoring ${join(config, "config.json")}: it is a pipe, socket or device, not a regular file; not read`,
      ]);
    } finally {
      guard.stop();
    }
  });

  it("keeps the wording of a directory and a missing file", async () => {
    await expect(readAuthFile(dir)).rejects.toThrow(/^cannot read it \(EISDIR\)$/);
    expect(await readAuthFile(join(dir, "missing.json"))).toBeUndefined();
  });
});
