import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test-helpers.js";
import { useTempDir } from "../../test-support/temp-dir.js";

const DEBIAN = 'FROM debian:12\nCOPY run.sh /run.sh\nENTRYPOINT ["/run.sh"]\n';

// In-process runs get their working directory from the caller (io.cwd), not from the process:
// the test's own process.cwd() is another folder.
describe("migrate FILE takes a relative path from the CLI's working directory", () => {
  const tmp = useTempDir("alpinize-migrate-cwd-");

  function project(): string {
    mkdirSync(join(tmp.dir, "svc"));
    writeFileSync(join(tmp.dir, "svc/run.sh"), '#!/bin/bash\necho "[[ ok ]]"\n');
    writeFileSync(join(tmp.dir, "svc/Dockerfile"), DEBIAN);
    expect(process.cwd()).not.toBe(tmp.dir);
    return join(tmp.dir, "svc/Dockerfile");
  }

  it("reads it and its build context there, and names it as given", async () => {
    project();
    const r = await runCli(["migrate", "--alpine", "3.23", "svc/Dockerfile"], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n");
    // The COPYed script was read from svc/, beside the Dockerfile: its bash shebang adds bash.
    expect(r.stdout).toContain("+RUN apk add --no-cache bash");
    expect(r.stderr).toContain("svc/Dockerfile:2:1 [shell] run.sh has a bash shebang");
  });

  it("writes it there with --write, and --check reads it there", async () => {
    const file = project();
    const check = await runCli(["migrate", "--alpine", "3.23", "--check", "svc/Dockerfile"], {
      cwd: tmp.dir,
    });
    expect(check.code, check.stderr).toBe(1);
    const w = await runCli(["migrate", "--alpine", "3.23", "--write", "svc/Dockerfile"], {
      cwd: tmp.dir,
    });
    expect(w.code, w.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("FROM alpine:3.23\nRUN apk add --no-cache bash\n");
    expect(w.stderr).toMatch(/^svc\/Dockerfile: /m);
  });

  it("says a missing one is missing by the name given", async () => {
    const r = await runCli(["migrate", "--alpine", "3.23", "svc/Dockerfile"], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("svc/Dockerfile: no such file");
  });
});
