import { appendFileSync, chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useEditor } from "../../test-support/concurrent-editor.js";
import { nobodyRunsCli, runUnprivileged } from "../../test-support/nobody.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const DEBIAN = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n";
// Another user's file needs two users: root writes it, the built CLI runs as nobody.
const canDrop = nobodyRunsCli();

// FAKE concurrent editor: runs while migrate converts the file (between its read and write).
vi.mock("@alpinize/dockerfile", async (original) => {
  const { editingBefore } = await import("../../test-support/concurrent-editor.js");
  return editingBefore(
    await original<typeof import("@alpinize/dockerfile")>(),
    "migrateDockerfile",
  );
});
const during = useEditor();
const tmp = useTempDir("alpinize-migrate-guards-");

describe("migrate --write leaves a file edited while it worked", () => {
  it("keeps the edit and says so (exit 2, ALPINIZE_MIGRATE_CHANGED)", async () => {
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, DEBIAN);
    during.edit = () => appendFileSync(file, "# saved meanwhile\n");
    const r = await runCli(["migrate", "--json", "--alpine", "3.23", "--write", file]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors).toEqual([
      expect.objectContaining({
        code: "ALPINIZE_MIGRATE_CHANGED",
        message: expect.stringContaining("it changed while alpinize was working"),
      }),
    ]);
    expect(readFileSync(file, "utf8")).toBe(`${DEBIAN}# saved meanwhile\n`);
  });

  it("writes a file nobody touched", async () => {
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, DEBIAN);
    const r = await runCli(["migrate", "--alpine", "3.23", "--write", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("FROM alpine:3.23");
  });
});

describe.skipIf(!canDrop)("migrate --write of another user's writable file", () => {
  it("is refused with its own code and a hint naming the owner (exit 2)", () => {
    chmodSync(tmp.dir, 0o777);
    const file = join(tmp.dir, "Dockerfile");
    writeFileSync(file, DEBIAN);
    chmodSync(file, 0o666);
    const run = (...args: string[]) => runUnprivileged(args, { cwd: tmp.dir });
    const human = run("migrate", "--alpine", "3.23", "--write", "Dockerfile");
    expect(human.code).toBe(2);
    expect(human.stderr).toContain(
      "Dockerfile: cannot write (owned by uid 0, not by you (uid 65534): replacing it would make it yours",
    );
    expect(human.stderr).toContain(
      "Run alpinize as the file's owner (uid 0) or as root, or drop --write and apply the printed diff yourself.",
    );
    expect(human.stderr).not.toContain("writable");
    const json = run("migrate", "--json", "--alpine", "3.23", "--write", "Dockerfile");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).errors).toEqual([
      expect.objectContaining({ code: "ALPINIZE_WRITE_NOT_OWNER", file: "Dockerfile" }),
    ]);
    expect([readFileSync(file, "utf8"), statSync(file).uid]).toEqual([DEBIAN, 0]);
  });
});
