import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const INSIDE = "#!/bin/bash\nset -e\nuseradd -m app\n";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/**
 * Checks a repository whose scripts are reached through links that stay in the build context:
 * `in.sh -> lib/inside.sh`, the folder `libs -> lib`, a chain `c1.sh -> c2.sh -> c3.sh -> in.sh`,
 * and a loop `a.sh -> b.sh -> a.sh`. Made on disk by the test, as a repository holds them.
 */
async function checkLinks(lines: string[]) {
  repo = await scratchRepo({
    Dockerfile: [`FROM alpine:3.23@${DIGEST}`, ...lines, ""].join("\n"),
    "lib/inside.sh": INSIDE,
  });
  const link = (target: string, name: string) => symlink(target, join(repo!.root, name));
  await link("lib/inside.sh", "in.sh");
  await link("lib", "libs");
  await link("c2.sh", "c1.sh");
  await link("c3.sh", "c2.sh");
  await link("in.sh", "c3.sh");
  await link("b.sh", "a.sh");
  await link("a.sh", "b.sh");
  return checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
}

type Result = Awaited<ReturnType<typeof checkLinks>>;
const lines = (r: Result, rule: string) =>
  r.findings.filter((f) => f.rule === rule).map((f) => f.line);

describe("check: a script a RUN runs through a link that stays in the build context", () => {
  it("is read as the file the link points to: its shebang and commands are judged", async () => {
    const r = await checkLinks([
      "COPY in.sh /usr/local/bin/",
      "COPY libs/inside.sh /opt/x.sh",
      "COPY c1.sh /opt/c.sh",
      "COPY . /app",
      "RUN in.sh",
      "RUN /opt/x.sh",
      "RUN sh /opt/c.sh",
      "RUN /app/in.sh && /app/libs/inside.sh",
    ]);
    expect(lines(r, "bash-missing")).toEqual([6, 7, 9, 9]);
    expect(lines(r, "shadow-user-commands")).toEqual([6, 7, 8, 9, 9]);
    const bash = r.findings.find((f) => f.rule === "bash-missing")!.message;
    // Named by the name the RUN gives it in the context, as migrate names it.
    expect(bash).toMatch(/^in\.sh \(a script from the build context starting #!\/bin\/bash\)/);
    expect(lines(r, "context-link")).toEqual([]);
    expect(r.unparsable).toEqual([]);
  });

  it("a loop of links is not followed for ever, not called a link out, but named a loop", async () => {
    const r = await checkLinks(["COPY a.sh /a.sh", "COPY . /app", "RUN /a.sh && /app/b.sh"]);
    const found = r.findings.filter((f) => f.file === "Dockerfile" && f.line > 1);
    expect(found.map((f) => `${f.line} ${f.rule} ${f.severity}`)).toEqual([
      "2 context-link error",
      "3 context-link warning",
    ]);
    expect(found[0]!.message).toContain("is a loop of symbolic links (to b.sh, which leads back");
    expect(found[1]!.message).toContain("is a loop of symbolic links (to a.sh, which leads back");
    expect(JSON.stringify(found)).not.toMatch(/leads outside/);
    expect(r.unparsable).toEqual([]);
  });
});
