import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { findCopiedScripts } from "./scripts.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function refsOf(files: Record<string, string>, dockerfile: string) {
  repo = await scratchRepo(files);
  const text = files[dockerfile] ?? "";
  const refs = await findCopiedScripts(repo.root, dockerfile, text);
  return refs.map((r) => [r.path, r.role, r.destination]);
}

describe("findCopiedScripts through directory COPYs", () => {
  it("COPY . /app finds the ENTRYPOINT script at the context root", async () => {
    const df = 'FROM debian:12\nCOPY . /app\nENTRYPOINT ["/app/docker-entrypoint.sh"]\n';
    expect(
      await refsOf(
        { Dockerfile: df, "docker-entrypoint.sh": "#!/bin/sh\n", "x.sh": "" },
        "Dockerfile",
      ),
    ).toEqual([["docker-entrypoint.sh", "entrypoint", "/app/docker-entrypoint.sh"]]);
  });

  it("COPY . /app in a subfolder's Dockerfile resolves inside that folder", async () => {
    const df = 'FROM debian:12\nCOPY . /app/\nCMD ["sh", "/app/bin/start.sh"]\n';
    expect(
      await refsOf({ "svc/Dockerfile": df, "svc/bin/start.sh": "#!/bin/sh\n" }, "svc/Dockerfile"),
    ).toEqual([["svc/bin/start.sh", "cmd", "/app/bin/start.sh"]]);
  });

  it("COPY scripts/ /scripts/ picks up the scripts ENTRYPOINT and CMD run", async () => {
    const df =
      'FROM debian:12\nCOPY scripts/ /scripts/\nENTRYPOINT ["/scripts/entry.sh"]\nCMD ["/scripts/run.sh", "serve"]\n';
    expect(
      await refsOf(
        { Dockerfile: df, "scripts/entry.sh": "#!/bin/sh\n", "scripts/run.sh": "#!/bin/sh\n" },
        "Dockerfile",
      ),
    ).toEqual([
      ["scripts/entry.sh", "entrypoint", "/scripts/entry.sh"],
      ["scripts/run.sh", "cmd", "/scripts/run.sh"],
    ]);
  });

  it("COPY . . under WORKDIR resolves a relative ENTRYPOINT", async () => {
    const df = 'FROM debian:12\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["./entry.sh"]\n';
    expect(await refsOf({ Dockerfile: df, "entry.sh": "#!/bin/sh\n" }, "Dockerfile")).toEqual([
      ["entry.sh", "entrypoint", "/app/entry.sh"],
    ]);
  });

  it("a folder COPY takes only shell scripts, not the program CMD names", async () => {
    const df =
      'FROM debian:12\nCOPY . /app\nENTRYPOINT ["/app/start"]\nCMD ["node", "/app/server.js"]\n';
    expect(
      await refsOf(
        { Dockerfile: df, start: '#!/usr/bin/env bash\nexec "$@"\n', "server.js": "x\n" },
        "Dockerfile",
      ),
    ).toEqual([["start", "entrypoint", "/app/start"]]);
  });

  it("does not follow a linked folder out of the repository", async () => {
    const outside = await mkdtemp(join(tmpdir(), "alpinize-outside-"));
    try {
      await writeFile(join(outside, "entry.sh"), "#!/bin/sh\n");
      const df = 'FROM debian:12\nCOPY app/entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\n';
      repo = await scratchRepo({ Dockerfile: df });
      await symlink(outside, join(repo.root, "app"));
      expect(await findCopiedScripts(repo.root, "Dockerfile", df)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe("findCopiedScripts: a bare name run through PATH", () => {
  const entry = '#!/bin/sh\ngroupadd -g 1000 app\nexec gosu app "$@"\n';

  it('COPY scripts/ /usr/local/bin/ with ENTRYPOINT ["entrypoint.sh"]', async () => {
    const df =
      'FROM debian:12\nCOPY scripts/ /usr/local/bin/\nENTRYPOINT ["entrypoint.sh"]\nCMD ["app"]\n';
    expect(await refsOf({ Dockerfile: df, "scripts/entrypoint.sh": entry }, "Dockerfile")).toEqual([
      ["scripts/entrypoint.sh", "entrypoint", "/usr/local/bin/entrypoint.sh"],
    ]);
  });

  it("follows ENV PATH to a folder a COPY . /app put the script in, also behind tini", async () => {
    const df =
      'FROM debian:12\nWORKDIR /app\nCOPY . /app\nENTRYPOINT ["tini", "--"]\nCMD ["start"]\nENV PATH=/app/bin:$PATH\n';
    expect(await refsOf({ Dockerfile: df, "bin/start": entry }, "Dockerfile")).toEqual([
      ["bin/start", "cmd", "/app/bin/start"],
    ]);
  });

  it("resolves a bare name in the PATH a parent stage set", async () => {
    const df =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable
      'FROM debian:12 AS base\nENV PATH="/opt/tools:${PATH}"\nCOPY tools/ /opt/tools/\nFROM base\nENTRYPOINT ["run-it"]\n';
    expect(await refsOf({ Dockerfile: df, "tools/run-it": entry }, "Dockerfile")).toEqual([
      ["tools/run-it", "entrypoint", "/opt/tools/run-it"],
    ]);
  });

  it("does not take a folder outside PATH for the program name", async () => {
    const df = 'FROM debian:12\nCOPY scripts/ /opt/scripts/\nENTRYPOINT ["entrypoint.sh"]\n';
    expect(await refsOf({ Dockerfile: df, "scripts/entrypoint.sh": entry }, "Dockerfile")).toEqual(
      [],
    );
  });

  it("an interpreter's bare argument is looked up in WORKDIR", async () => {
    const df = 'FROM debian:12\nWORKDIR /srv\nCOPY . .\nCMD ["sh", "boot.sh"]\n';
    expect(await refsOf({ Dockerfile: df, "boot.sh": entry }, "Dockerfile")).toEqual([
      ["boot.sh", "cmd", "/srv/boot.sh"],
    ]);
  });
});
