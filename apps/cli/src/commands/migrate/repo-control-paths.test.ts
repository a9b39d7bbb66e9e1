import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hasControl } from "@alpinize/image-ref";
import { expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const tmp = useTempDir("alpinize-dir-ctl-");

const SUB = "we\nird\u001b]0;x\u0007";
const SHOWN = "we\\x0aird\\x1b]0;x\\x07";

it("escapes control characters in the paths migrate DIR prints and reports, not in --json", async () => {
  mkdirSync(join(tmp.dir, SUB));
  writeFileSync(
    join(tmp.dir, SUB, "Dockerfile"),
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10\n",
  );
  const check = await runCli(["migrate", ".", "--check", "--alpine", "3.23"], { cwd: tmp.dir });
  expect(check.code).toBe(1);
  expect(check.stdout).toBe(`${SHOWN}/Dockerfile: would change\n`);
  expect(check.stderr).toMatch(
    new RegExp(`^warning ${SHOWN.replace(/[\\[\]]/g, "\\$&")}/Dockerfile:2:\\d+ \\[apt\\]`, "m"),
  );
  for (const text of [check.stdout, check.stderr]) expect(hasControl(text)).toBe(false);
  const written = await runCli(
    ["migrate", ".", "--write", "--alpine", "3.23", "--report", "M.md"],
    { cwd: tmp.dir },
  );
  expect(written.code).toBe(0);
  expect(written.stderr).toContain(`wrote ${SHOWN}/Dockerfile`);
  const report = readFileSync(join(tmp.dir, "M.md"), "utf8");
  expect(report).toContain(`### \`${SHOWN}/Dockerfile\``);
  expect(hasControl(report)).toBe(false);
  expect(report).not.toContain("we\nird");
  const json = await runCli(["migrate", ".", "--json", "--alpine", "3.23"], { cwd: tmp.dir });
  expect(JSON.parse(json.stdout).files[0].file).toBe(`${SUB}/Dockerfile`);
});
