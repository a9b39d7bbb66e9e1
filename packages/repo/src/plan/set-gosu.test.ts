import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { checkTargets } from "../check/run.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "./plan.js";

const ENTRY = [
  "#!/bin/sh",
  "set -e",
  'if [ "$1" = server ]; then',
  '  set -- gosu store "$@"',
  "fi",
  'exec "$@"',
  "",
].join("\n");

const tail = ["COPY entry.sh /entry.sh", 'ENTRYPOINT ["/entry.sh"]', 'CMD ["server"]', ""];

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function plannedScript(dockerfile: string[]) {
  await repo?.remove();
  repo = await scratchRepo({ Dockerfile: [...dockerfile, ...tail].join("\n"), "entry.sh": ENTRY });
  const plan = await planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.23",
  });
  return plan.files.find((f) => f.file === "entry.sh");
}

describe('set -- gosu USER … exec "$@" in a repository', () => {
  it("becomes su-exec when the Dockerfile's gosu became su-exec", async () => {
    const script = await plannedScript([
      "FROM debian:bookworm-slim",
      "RUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*",
    ]);
    expect(script?.after).toContain('set -- su-exec store "$@"');
    expect(script?.after).not.toContain("alpinize shims");
    expect(script?.warnings.filter((w) => w.rule === "gosu")).toEqual([]);
  });

  it("becomes su-exec in an image that was Alpine with su-exec already", async () => {
    const script = await plannedScript(["FROM alpine:3.23", "RUN apk add --no-cache su-exec"]);
    expect(script?.changed).toBe(true);
    expect(script?.after).toContain('set -- su-exec store "$@"');
  });

  it("stays gosu, with no finding, when the image keeps gosu", async () => {
    const script = await plannedScript(["FROM alpine:3.23", "RUN apk add --no-cache gosu"]);
    expect(script?.after).toBe(ENTRY);
    expect(script?.warnings.filter((w) => w.rule === "gosu")).toEqual([]);
  });

  it("stays gosu with an error when the image has neither, and check fails on it", async () => {
    const script = await plannedScript(["FROM alpine:3.23"]);
    expect(script?.after).toBe(ENTRY);
    expect(script?.warnings).toContainEqual(
      expect.objectContaining({ rule: "gosu", line: 4, severity: "error" }),
    );
    const result = await checkTargets([{ path: repo!.root, kind: "directory" }], {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      cwd: repo!.root,
    });
    expect(result.findings).toContainEqual(
      expect.objectContaining({ file: "entry.sh", line: 4, severity: "error" }),
    );
  });
});
