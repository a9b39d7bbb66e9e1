import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const tmp = useTempDir("alpinize-check-ctl-");

it("prints a path with a newline or an escape character escaped, one line per finding", async () => {
  const sub = "we\nird\u001b[31m";
  mkdirSync(join(tmp.dir, sub));
  writeFileSync(join(tmp.dir, sub, "Dockerfile"), "FROM alpine:3.23\nRUN apk add curl\n");
  mkdirSync(join(tmp.dir, "bad\tdir"));
  writeFileSync(join(tmp.dir, "bad\tdir", "Dockerfile"), "FROM alpine:3.23\nNOT AN INSTRUCTION\n");
  const r = await runCli(["check", "."], { cwd: tmp.dir });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe(
    "we\\x0aird\\x1b[31m/Dockerfile:2: apk-no-cache: apk add without --no-cache in stage 0: add --no-cache so the index does not stay in the layer\n",
  );
  expect(r.stderr).toContain("warning we\\x0aird\\x1b[31m/Dockerfile:1: base-image-unpinned");
  expect(r.stderr).toMatch(/^error bad\\x09dir\/Dockerfile:2/m);
  expect(r.stderr).not.toContain("\u001b");
  const json = await runCli(["check", ".", "--json"], { cwd: tmp.dir });
  const files = (JSON.parse(json.stdout) as { file: string }[]).map((f) => f.file);
  expect(files).toContain(`${sub}/Dockerfile`);
  expect(files).toContain("bad\tdir/Dockerfile");
});
