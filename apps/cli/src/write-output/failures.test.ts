import { spawn } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  type Stats,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { closeOf, pushImage, startRegistry } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { BIN, isRoot } from "../test-support/nobody.js";
import { notOwnerError, OutputOwnerError } from "../write-output.js";
import { cliRunsAsNobody, leftovers, sh, useWriteDir } from "./test-support.js";

const tmp = useWriteDir();

describe("alpinize --output failures leave nothing behind (exit 2)", () => {
  // Root ignores directory permissions, so the CLI runs as nobody when we are root.
  const canDrop = !isRoot || cliRunsAsNobody();

  it.skipIf(!canDrop)("a read-only directory: exit 2, no output file, no temp file", () => {
    const ro = join(tmp.dir, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const uid = isRoot ? { uid: 65534 } : {};
    let r = sh(tmp.dir, "$A gate report.json --output ro/out.json", uid);
    expect([r.status, r.stderr]).toEqual([
      2,
      expect.stringContaining(
        "ro/out.json: cannot write the output (permission denied: this user may not make files in ro, where the output is written through a temp file); nothing was written",
      ),
    ]);
    r = sh(tmp.dir, "$A shims print --output ro/shims.sh", uid);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("cannot write ro/shims.sh");
    expect(readdirSync(ro)).toEqual([]);
  });

  it("a write that fails half way (file size limit) removes the temp file and keeps the old text", () => {
    writeFileSync(join(tmp.dir, "shims.sh"), "old\n");
    // ulimit -f counts 512-byte blocks; the shims library is far larger than 4 KiB.
    const r = sh(tmp.dir, "ulimit -f 8; exec $A shims print --output shims.sh");
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      "cannot write shims.sh (the file would be larger than this process may write (ulimit -f) or the file system allows)",
    );
    expect(r.stderr).not.toContain("EFBIG");
    expect(readFileSync(join(tmp.dir, "shims.sh"), "utf8")).toBe("old\n");
    expect(leftovers(tmp.dir)).toEqual([]);
  });
});

describe("a --write refused for the file's owner says who can write it", () => {
  const stats = (uid: number, gid: number) => ({ uid, gid }) as Stats;

  it("names the owner, or the group, and what to do instead", () => {
    const owner = notOwnerError(new OutputOwnerError("/x", stats(0, 0), 1000), "m", "x", "do y");
    expect([owner.code, owner.hint, owner.details]).toEqual([
      "ALPINIZE_WRITE_NOT_OWNER",
      "Run alpinize as the file's owner (uid 0) or as root, or do y.",
      { file: "x", owner: { uid: 0, gid: 0 } },
    ]);
    const group = notOwnerError(new OutputOwnerError("/x", stats(1000, 5), 1000), "m", "x", "do y");
    expect(group.hint).toBe(
      "Run alpinize as root, or as its owner (uid 1000) with group 5 among your groups, or do y.",
    );
  });

  it.skipIf(!isRoot || !cliRunsAsNobody())(
    "pin --write of root's 0666 file in a 0777 folder, run as nobody",
    async () => {
      const registry = await startRegistry();
      try {
        await pushImage(registry.url, "team/app", "1.0");
        chmodSync(tmp.dir, 0o777);
        const text = `FROM ${registry.host}/team/app:1.0\n`;
        writeFileSync(join(tmp.dir, "Dockerfile"), text);
        chmodSync(join(tmp.dir, "Dockerfile"), 0o666);
        const child = spawn(process.execPath, [BIN, "pin", "--json", "--write", "Dockerfile"], {
          cwd: tmp.dir,
          uid: 65534,
          gid: 65534,
          env: { PATH: process.env.PATH, NO_COLOR: "1", HOME: tmp.dir },
        });
        let out = "";
        child.stdout.on("data", (c: Buffer) => (out += c));
        const r = { ...(await closeOf(child, "alpinize pin --write as nobody")), out };
        expect(r.code).toBe(2);
        expect(JSON.parse(r.out).errors).toEqual([
          expect.objectContaining({
            code: "ALPINIZE_WRITE_NOT_OWNER",
            hint: "Run alpinize as the file's owner (uid 0) or as root, or drop --write and apply the printed pins (REF -> REF@DIGEST) yourself.",
          }),
        ]);
        expect([
          readFileSync(join(tmp.dir, "Dockerfile"), "utf8"),
          statSync(join(tmp.dir, "Dockerfile")).uid,
        ]).toEqual([text, 0]);
      } finally {
        await registry.stop();
      }
    },
    30_000,
  );
});
