import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "../plan/plan.js";
import { checkTargets } from "./run.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const SCRIPT = [
  "#!/bin/sh",
  "set -e",
  'groupmod -o -g "$PGID" app',
  'usermod -o -u "$PUID" app',
  'exec su-exec app "$@"',
  "",
].join("\n");

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function shadowFindings(files: Record<string, string>) {
  repo = await scratchRepo({ "entry.sh": SCRIPT, ...files });
  const result = await checkTargets([{ path: repo.root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: repo.root,
  });
  return result.findings
    .filter((f) => f.message.startsWith("shadow-tool:"))
    .map((f) => `${f.file}:${f.line}`);
}

const dockerfile = (...lines: string[]) =>
  [`FROM alpine:3.23@${DIGEST} AS base`, ...lines, ""].join("\n");

describe("entrypoint shadow-tool findings when the image installs shadow", () => {
  it("drops them when the stage that runs the script installs shadow", async () => {
    const text = dockerfile(
      "RUN apk add --no-cache shadow su-exec",
      "COPY entry.sh /entry.sh",
      'ENTRYPOINT ["/entry.sh"]',
    );
    expect(await shadowFindings({ Dockerfile: text })).toEqual([]);
  });

  it("drops them when a stage it builds on installs shadow", async () => {
    const text = dockerfile(
      "RUN apk add --no-cache shadow",
      "FROM base",
      "COPY entry.sh /entry.sh",
      'ENTRYPOINT ["/entry.sh"]',
    );
    expect(await shadowFindings({ Dockerfile: text })).toEqual([]);
  });

  it("keeps them when the image lacks shadow, or another image running it does", async () => {
    const without = dockerfile("COPY entry.sh /entry.sh", 'ENTRYPOINT ["/entry.sh"]');
    expect(await shadowFindings({ Dockerfile: without })).toEqual(["entry.sh:3", "entry.sh:4"]);
    await repo?.remove();
    const withShadow = dockerfile(
      "RUN apk add --no-cache shadow",
      "COPY entry.sh /entry.sh",
      'ENTRYPOINT ["/entry.sh"]',
    );
    expect(await shadowFindings({ Dockerfile: withShadow, "Dockerfile.slim": without })).toEqual([
      "entry.sh:3",
      "entry.sh:4",
    ]);
  });
});

describe("migrate's script warnings when the migrated image installs shadow", () => {
  it("leaves out shadow-tool when the image runs apk add shadow, and keeps it when it does not", async () => {
    const rules = async (install: string) => {
      await repo?.remove();
      const text = dockerfile(install, "COPY entry.sh /entry.sh", 'ENTRYPOINT ["/entry.sh"]');
      // chsh: a shadow tool the rewrite has no warning of its own for.
      repo = await scratchRepo({
        "entry.sh": "#!/bin/sh\nchsh -s /bin/sh app\n",
        Dockerfile: text,
      });
      const plan = await planRepository(repo.root, {
        config: defaultConfig(),
        transforms: defaultTransforms(),
        release: "3.23",
      });
      return plan.files.find((f) => f.file === "entry.sh")?.warnings.map((w) => w.rule);
    };
    expect(await rules("RUN apk add --no-cache shadow su-exec")).not.toContain("shadow-tool");
    expect(await rules("RUN apk add --no-cache su-exec")).toContain("shadow-tool");
  });
});
