import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hasControl } from "@alpinize/image-ref";
import { expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";
import { diffPath } from "./diff.js";

const tmp = useTempDir("alpinize-ctl-");

it("C-quotes diff header paths with control characters, as git does", () => {
  expect(diffPath("a/plain/Dockerfile")).toBe("a/plain/Dockerfile");
  expect(diffPath("a/we\nird/Docker\tfile")).toBe('"a/we\\nird/Docker\\tfile"');
  expect(diffPath('a/q"b\\c\u0001')).toBe('"a/q\\"b\\\\c\\001"');
});

it("keeps every header and warning on one line for a path with a newline", async () => {
  const sub = join(tmp.dir, "we\nird");
  mkdirSync(sub);
  const file = join(sub, "Dockerfile");
  writeFileSync(file, "FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10\n");
  const r = await runCli(["migrate", file]);
  expect(r.code).toBe(0);
  const headers = r.stdout.split("\n").filter((l) => /^(?:---|\+\+\+) /.test(l));
  expect(headers).toHaveLength(2);
  expect(headers[0]).toMatch(/^--- "a\/.*we\\nird\/Dockerfile"$/);
  const warning = r.stderr.split("\n").find((l) => l.includes("version pin"));
  expect(warning).toMatch(/we\\x0aird\/Dockerfile:2:\d+ \[apt\]/);
});

it("escapes control characters the Dockerfile carries into warning messages", async () => {
  const file = join(tmp.dir, "Dockerfile");
  writeFileSync(file, "FROM debian:12\nRUN apt-get install -y cu\u001b[31mrl*\u0007\n");
  const r = await runCli(["migrate", file]);
  expect(hasControl(r.stderr.replace(/\n/g, ""))).toBe(false);
  // migrate's warnings quote the file as every message quotes input: controls become U+FFFD.
  expect(r.stderr).toContain("cu\ufffd[31mrl*\ufffd");
});
