import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { bounded, finished } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { isRoot } from "../test-support/nobody.js";
import {
  contentStamp,
  OutputChangedError,
  OutputNotRegularError,
  rewriteInPlace,
  writeOutput,
} from "../write-output.js";
import {
  IMPORT_SOURCES,
  leftovers,
  NODE_WITH_SOURCES,
  nodeReadsSourcesAs,
  sh,
  useWriteDir,
} from "./test-support.js";

const tmp = useWriteDir();

describe("in-place rewrites (--write) replace regular files only", () => {
  it("refuses an fd path, a device or a vanished file instead of appending to it", () => {
    const f = join(tmp.dir, "Dockerfile");
    writeFileSync(f, "FROM debian:bookworm\nRUN apt-get install -y curl\n");
    expect(() => writeOutput("/dev/null", "x", { inPlace: true })).toThrow(OutputNotRegularError);
    expect(() => writeOutput(join(tmp.dir, "gone"), "x", { inPlace: true })).toThrow(
      expect.objectContaining({ code: "ENOENT" }),
    );
    expect(writeOutput(f, "FROM alpine\n", { inPlace: true })).toBe("replaced");
    const inputs = [
      ["migrate", "Dockerfile", "FROM debian:bookworm\nRUN apt-get install -y curl\n"],
      ["entrypoint", "entry.sh", "#!/bin/sh\ngroupadd -g 5000 app\n"],
    ];
    for (const [cmd, name, text] of inputs) {
      writeFileSync(join(tmp.dir, name!), text!);
      const r = sh(tmp.dir, `$A ${cmd} /dev/fd/3 --write 3<${name}`);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain("not a regular file");
      expect(readFileSync(join(tmp.dir, name!), "utf8")).toBe(text);
    }
  });
});

describe("in-place rewrites keep what others did to the file", () => {
  const stampOf = (f: string) => contentStamp(readFileSync(f), statSync(f));

  it("refuses a file that changed since it was read (expected), keeping the edit", () => {
    const f = join(tmp.dir, "Dockerfile");
    writeFileSync(f, "FROM a\n");
    let expected = stampOf(f);
    writeFileSync(f, "FROM a\nRUN edit\n");
    expect(() => writeOutput(f, "FROM a@x\n", { inPlace: true, expected })).toThrow(
      OutputChangedError,
    );
    expect(readFileSync(f, "utf8")).toBe("FROM a\nRUN edit\n");
    // Same size, time set back: the bytes tell.
    writeFileSync(f, "FROM a\n");
    expected = stampOf(f);
    const { atime, mtime } = statSync(f);
    writeFileSync(f, "FROM b\n");
    utimesSync(f, atime, mtime);
    expect(() => writeOutput(f, "FROM a@x\n", { inPlace: true, expected })).toThrow(
      /changed while alpinize was working/,
    );
    expect(readFileSync(f, "utf8")).toBe("FROM b\n");
    expect(leftovers(tmp.dir)).toEqual([]);
    expected = stampOf(f);
    expect(writeOutput(f, "FROM b@x\n", { inPlace: true, expected })).toBe("replaced");
    rmSync(f);
    writeFileSync(join(tmp.dir, "other"), "");
    expect(() => writeOutput(f, "x", { expected })).toThrow(/it was removed|no such file/);
  });

  /** Runs writeOutput from the sources as `uid`; prints the error's name and message. */
  const writeAs = (uid: number, file: string) =>
    finished(
      spawnSync(
        NODE_WITH_SOURCES[0]!,
        [
          ...NODE_WITH_SOURCES.slice(1),
          "--input-type=module",
          "-e",
          `${IMPORT_SOURCES}
try { writeOutput(${JSON.stringify(file)}, "new\\n", { inPlace: true }); console.log("written"); }
catch (err) { console.log(err.name, err.message); }`,
        ],
        { encoding: "utf8", uid, gid: uid, ...bounded() },
      ),
      `writeOutput as uid ${uid}`,
    );

  it.skipIf(!isRoot || !nodeReadsSourcesAs(65534))(
    "never hands another user's file, or a group's, to the user who rewrites it",
    () => {
      chmodSync(tmp.dir, 0o777);
      const theirs = join(tmp.dir, "theirs");
      writeFileSync(theirs, "old\n", { mode: 0o666 });
      chmodSync(theirs, 0o666);
      let r = writeAs(65534, theirs);
      expect(r.stdout).toContain("OutputOwnerError owned by uid 0, not by you (uid 65534)");
      expect([readFileSync(theirs, "utf8"), statSync(theirs).uid]).toEqual(["old\n", 0]);
      const group = join(tmp.dir, "group");
      writeFileSync(group, "old\n", { mode: 0o666 });
      chownSync(group, 65534, 0);
      r = writeAs(65534, group);
      expect(r.stdout).toContain("its group 0 is not one of yours");
      expect([readFileSync(group, "utf8"), statSync(group).gid]).toEqual(["old\n", 0]);
      const own = join(tmp.dir, "own");
      writeFileSync(own, "old\n");
      chownSync(own, 65534, 65534);
      expect(writeAs(65534, own).stdout).toBe("written\n");
      expect(leftovers(tmp.dir)).toEqual([]);
    },
  );
});

describe("rewriteInPlace words a failure as the command asks", () => {
  const words = {
    file: "F",
    message: (reason: string) => `F: ${reason}`,
    changed: { code: "X_CHANGED", hint: "read it again" },
    unwritable: { code: "X_WRITE", hint: "make it writable" },
    instead: "do it by hand",
  };

  it("a file edited since it was read, a missing one, and one written", () => {
    const f = join(tmp.dir, "Dockerfile");
    writeFileSync(f, "FROM a\n");
    const expected = contentStamp(readFileSync(f), statSync(f));
    writeFileSync(f, "FROM a\nRUN edit\n");
    expect(() => rewriteInPlace(f, "FROM b\n", expected, words)).toThrow(
      expect.objectContaining({
        code: "X_CHANGED",
        hint: "read it again",
        details: { file: "F" },
        message: expect.stringMatching(/^F: it changed while alpinize was working/),
      }),
    );
    expect(() => rewriteInPlace(join(tmp.dir, "gone"), "x", undefined, words)).toThrow(
      expect.objectContaining({ code: "X_WRITE", message: "F: ENOENT", exitCode: 2 }),
    );
    rewriteInPlace(f, "FROM b\n", undefined, words);
    expect(readFileSync(f, "utf8")).toBe("FROM b\n");
  });
});
