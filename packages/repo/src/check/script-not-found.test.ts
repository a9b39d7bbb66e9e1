import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { checkTargets } from "./run.js";

const BASE = `alpine:3.23@sha256:${"a".repeat(64)}`;

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

/** `script-not-found` findings of `check DIR` run from DIR, as `line message`. */
async function notFound(
  files: Record<string, string>,
  ignore: string[] = [],
): Promise<{ line: number; severity: string; message: string }[]> {
  repo = await scratchRepo(files);
  const config = defaultConfig();
  config.images.ignore = ignore;
  const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config,
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  return result.findings
    .filter((f) => f.rule === "script-not-found")
    .map(({ line, severity, message }) => ({ line, severity, message }));
}

const dockerfile = (...lines: string[]) => ({
  Dockerfile: [`FROM ${BASE}`, ...lines, ""].join("\n"),
});

describe("script-not-found: a script the image runs that is not in the build context", () => {
  it("warns at the COPY of an ENTRYPOINT script it could not find, saying it was not checked", async () => {
    const found = await notFound(
      dockerfile(
        "COPY docker-entrypoint.sh /usr/local/bin/",
        'ENTRYPOINT ["docker-entrypoint.sh"]',
      ),
    );
    expect(found).toEqual([
      {
        line: 2,
        severity: "warning",
        message:
          "docker-entrypoint.sh, which ENTRYPOINT runs (as /usr/local/bin/docker-entrypoint.sh) in stage 0, is not in the build context alpinize looked in (./), so it was not checked: run alpinize check from the build context (cd CONTEXT && alpinize check path/to/Dockerfile), or add the file (docker build stops at this COPY without it)",
      },
    ]);
  });

  it("names each folder it looked in, for a Dockerfile in a subfolder", async () => {
    repo = undefined;
    const found = await notFound({
      "svc/Dockerfile": `FROM ${BASE}\nWORKDIR /app\nCOPY start.sh .\nCMD ["./start.sh"]\n`,
    });
    expect(found.map((f) => f.line)).toEqual([3]);
    expect(found[0]!.message).toMatch(
      /^start\.sh, which CMD runs \(as \/app\/start\.sh\) in stage 0, is not in the build context alpinize looked in \(svc\/, then \.\/\), so it was not checked/,
    );
  });

  it("warns for a script a RUN runs, by path or given to a shell", async () => {
    const found = await notFound(
      dockerfile("COPY install.sh setup.sh /tmp/", "RUN /tmp/install.sh && sh -e /tmp/setup.sh"),
    );
    expect(
      found.map((f) => `${f.line} ${f.message.slice(0, f.message.indexOf(" in stage"))}`),
    ).toEqual([
      "2 install.sh, which the RUN on line 3 runs (as /tmp/install.sh)",
      "2 setup.sh, which the RUN on line 3 runs (as /tmp/setup.sh)",
    ]);
  });

  it("warns in the stage that runs a script a stage it builds on copied", async () => {
    const found = await notFound({
      Dockerfile: `FROM ${BASE} AS base\nCOPY entry.sh /entry.sh\nFROM base\nENTRYPOINT ["/entry.sh"]\n`,
    });
    expect(found.map((f) => f.line)).toEqual([2]);
    expect(found[0]!.message).toMatch(
      /^entry\.sh, which ENTRYPOINT runs \(as \/entry\.sh\) in stage 1,/,
    );
  });

  it.each([
    [
      "the file is there",
      { "docker-entrypoint.sh": '#!/bin/sh\nexec "$@"\n' },
      "COPY docker-entrypoint.sh /usr/local/bin/",
    ],
    [
      "a wildcard source, which is not followed",
      {},
      "COPY docker-entrypoint.s? /usr/local/bin/docker-entrypoint.sh",
    ],
    [
      "a variable source",
      {},
      "ARG F=docker-entrypoint.sh\nCOPY $F /usr/local/bin/docker-entrypoint.sh",
    ],
    [
      "a copy out of another stage",
      {},
      "COPY --from=busybox:1.36 /docker-entrypoint.sh /usr/local/bin/",
    ],
    ["a heredoc", {}, "COPY <<EOF /usr/local/bin/docker-entrypoint.sh\n#!/bin/sh\nEOF"],
    ["a file copied but not run", {}, "COPY helper.sh /usr/local/bin/"],
  ])("stays quiet for %s", async (_name, extra, copy) => {
    const found = await notFound({
      ...extra,
      Dockerfile: `FROM ${BASE}\n${copy}\nENTRYPOINT ["docker-entrypoint.sh"]\n`,
    });
    expect(found).toEqual([]);
  });

  it("stays quiet for a stage check does not lint: Debian, or one images.ignore names", async () => {
    const lines = 'COPY entry.sh /usr/local/bin/\nENTRYPOINT ["entry.sh"]\n';
    expect(await notFound({ Dockerfile: `FROM debian:12\n${lines}` })).toEqual([]);
    expect(await notFound({ Dockerfile: `FROM ${BASE}\n${lines}` }, ["alpine"])).toEqual([]);
  });
});
