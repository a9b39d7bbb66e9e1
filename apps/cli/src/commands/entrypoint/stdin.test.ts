import { spawnSync } from "node:child_process";
import { bounded, finished } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { BIN } from "../../test-support/nobody.js";

const entrypoint = (input: string, ...flags: string[]) =>
  finished(
    spawnSync(process.execPath, [BIN, "entrypoint", "-", ...flags], {
      input,
      encoding: "utf8",
      ...bounded(),
    }),
    "alpinize entrypoint -",
  );

const SCRIPT = "#!/bin/sh\ngroupadd -g 999 docker\n";

// The same name as `migrate -` and `check -` give it, whichever output is asked for.
describe("alpinize entrypoint - (standard input) is named <stdin>", () => {
  it("in the diff, the findings and the summary", () => {
    const r = entrypoint(SCRIPT);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--- a/<stdin>\n+++ b/<stdin>\n");
    expect(r.stderr).toContain("warning <stdin>:2:13 [alpine-id]");
    expect(r.stderr).toContain("<stdin>: would make 2 edit(s)");
    expect(r.stderr).not.toMatch(/(^|\s)stdin:/m);
  });

  it("in --json", () => {
    const r = entrypoint(SCRIPT, "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).file).toBe("<stdin>");
  });

  it("in an error, as text and as --json", () => {
    const crlf = SCRIPT.replaceAll("\n", "\r\n");
    const text = entrypoint(crlf);
    expect(text.status).toBe(2);
    expect(text.stderr).toContain("<stdin>: the script has CRLF");
    const json = entrypoint(crlf, "--json");
    expect(json.status).toBe(2);
    const doc = JSON.parse(json.stdout);
    expect(doc.file).toBe("<stdin>");
    expect(doc.error.message).toMatch(/^<stdin>: the script has CRLF/);
  });
});
