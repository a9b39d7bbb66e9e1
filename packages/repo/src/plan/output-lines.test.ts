import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { mapLinesToOutput } from "./line-map.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function dockerfilePlan(files: Record<string, string>, links: [string, string][] = []) {
  repo = await scratchRepo(files);
  for (const [name, target] of links) await symlink(target, join(repo.root, name));
  const plan = await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  return plan.files.find((f) => f.file === "Dockerfile")!;
}

/** `[rule, input line, output line]`, and the output line's text, of each warning. */
function placed(file: { after: string; warnings: { rule: string; line: number }[] }) {
  const lines = file.after.split("\n");
  return file.warnings.map((w) => {
    const out = (w as { outputLine?: number }).outputLine;
    return [w.rule, w.line, out, out === undefined ? undefined : lines[out - 1]];
  });
}

describe("mapLinesToOutput", () => {
  it("maps kept lines past insertions, replaced lines to their first replacement", () => {
    const map = mapLinesToOutput("a\nb\nc\nd\n", "a\nX1\nX2\nb\nC2\nd\n");
    expect([1, 2, 3, 4].map(map)).toEqual([1, 4, 5, 6]);
    expect(mapLinesToOutput("same\n", "same\n")(1)).toBe(1);
  });

  it("maps a removed line to the line that now follows where it was", () => {
    const map = mapLinesToOutput("a\nARG x\nb\nc\n", "a\nb\nc\n");
    expect([1, 2, 3, 4].map(map)).toEqual([1, 2, 2, 3]);
    expect(mapLinesToOutput("a\nb\n", "a\n")(2)).toBe(1);
  });
});

describe("migrate DIR: where each warning of a Dockerfile is in the file --write leaves", () => {
  // Three apt lines become one and the ARG goes: the COPY of line 8 is line 5 of the output.
  const SHRUNK = [
    "FROM debian:12",
    "ARG DEBIAN_FRONTEND=noninteractive",
    "RUN apt-get update \\",
    " && apt-get install -y --no-install-recommends curl \\",
    " && rm -rf /var/lib/apt/lists/*",
    "COPY app /app",
    "RUN /app/run.sh",
    "COPY missing.sh /m.sh",
    "RUN /m.sh",
    "",
  ].join("\n");

  it("gives its own script-not-found warning the output line, as the transform's have", async () => {
    const file = await dockerfilePlan({ Dockerfile: SHRUNK, "app/run.sh": "#!/bin/bash\n" });
    expect(placed(file)).toEqual([
      ["shell", 6, 3, "COPY app /app"],
      ["script-not-found", 8, 5, "COPY missing.sh /m.sh"],
    ]);
  });

  it("gives its own context warning (a folder link loop) the output line", async () => {
    const file = await dockerfilePlan(
      { Dockerfile: SHRUNK.replace("COPY missing.sh", "COPY dir1/x.sh") },
      [
        ["dir1", "dir2"],
        ["dir2", "dir1"],
      ],
    );
    const context = placed(file).filter(([rule]) => rule === "context");
    expect(context).toEqual([["context", 8, 5, "COPY dir1/x.sh /m.sh"]]);
  });

  it("carries the transform's output lines past the su-exec and shadow migrate DIR adds", async () => {
    const file = await dockerfilePlan({
      Dockerfile: [
        "FROM debian:12-slim",
        "RUN wget -q https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz",
        "COPY entrypoint.sh /entrypoint.sh",
        'ENTRYPOINT ["/entrypoint.sh"]',
        'CMD ["id"]',
        "",
      ].join("\n"),
      "entrypoint.sh": [
        "#!/bin/sh",
        "useradd -m app 2>/dev/null || true",
        'exec runuser -u app -- "$@"',
        "",
      ].join("\n"),
    });
    expect(file.after.split("\n")[1]).toBe("RUN apk add --no-cache su-exec shadow");
    expect(placed(file)).toEqual([
      ["glibc", 2, 3, "RUN wget -q https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz"],
      ["exec-as", 3, 4, "COPY entrypoint.sh /entrypoint.sh"],
      ["shadow", 3, 4, "COPY entrypoint.sh /entrypoint.sh"],
    ]);
    expect(file.warnings[0]).toMatchObject({ column: 13, outputColumn: 13 });
  });
});
