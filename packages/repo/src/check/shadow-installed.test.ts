import { describe, expect, it } from "vitest";
import {
  checkDefault,
  PINNED_ALPINE,
  planDefault,
  scratchRepoPerTest,
} from "../../test/run-defaults.js";

const SCRIPT = [
  "#!/bin/sh",
  "set -e",
  'groupmod -o -g "$PGID" app',
  'usermod -o -u "$PUID" app',
  'exec su-exec app "$@"',
  "",
].join("\n");

const scratch = scratchRepoPerTest();

async function shadowFindings(files: Record<string, string>) {
  const repo = await scratch.make({ "entry.sh": SCRIPT, ...files });
  const result = await checkDefault(repo.root);
  return result.findings
    .filter((f) => f.message.startsWith("shadow-tool:"))
    .map((f) => `${f.file}:${f.line}`);
}

const dockerfile = (...lines: string[]) =>
  [`FROM ${PINNED_ALPINE} AS base`, ...lines, ""].join("\n");

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

describe("entrypoint shadow-tool findings when shadow is removed before the image runs", () => {
  const entry = ["COPY entry.sh /entry.sh", 'ENTRYPOINT ["/entry.sh"]'];
  const flagged = ["entry.sh:3", "entry.sh:4"];
  const findingsFor = (...lines: string[]) => shadowFindings({ Dockerfile: dockerfile(...lines) });

  it("keeps them when the --virtual (or -t) group holding shadow is deleted again", async () => {
    const virtual = "RUN apk add --no-cache --virtual .tmp shadow && useradd app && apk del .tmp";
    expect(await findingsFor(virtual, ...entry)).toEqual(flagged);
    const short = "RUN apk add --no-cache -t .tmp shadow";
    expect(await findingsFor(short, "RUN apk del --no-network .tmp", ...entry)).toEqual(flagged);
  });

  it("keeps them when apk del names shadow, or a stage built FROM the installer deletes it", async () => {
    const named = "RUN apk add --no-cache shadow su-exec && apk del shadow";
    expect(await findingsFor(named, ...entry)).toEqual(flagged);
    const inChild = ["RUN apk add -t .tmp shadow", "FROM base", "RUN apk del .tmp"];
    expect(await findingsFor(...inChild, ...entry)).toEqual(flagged);
  });

  it("keeps them when every virtual group holding shadow is deleted", async () => {
    const two = "RUN apk add -t .a shadow && apk add -t .b shadow curl && apk del .a .b";
    expect(await findingsFor(two, ...entry)).toEqual(flagged);
  });

  it("keeps them when the deleted group was given through a variable", async () => {
    const env = ['ENV BUILD_DEPS="shadow gcc"', "RUN apk add -t .b $BUILD_DEPS && apk del .b"];
    expect(await findingsFor(...env, ...entry)).toEqual(flagged);
  });

  it("drops them when shadow outlives the delete", async () => {
    const again = ["RUN apk add -t .tmp shadow && apk del .tmp", "RUN apk add --no-cache shadow"];
    expect(await findingsFor(...again, ...entry)).toEqual([]);
    const alsoOwn = "RUN apk add --no-cache shadow && apk add -t .b shadow gcc && apk del .b";
    expect(await findingsFor(alsoOwn, ...entry)).toEqual([]);
    const oneLeft = "RUN apk add -t .a shadow && apk add -t .b shadow && apk del .a";
    expect(await findingsFor(oneLeft, ...entry)).toEqual([]);
    const otherGroup = "RUN apk add --no-cache shadow && apk add -t .b gcc && apk del .b";
    expect(await findingsFor(otherGroup, ...entry)).toEqual([]);
    const parentKeeps = [
      "RUN apk add --no-cache shadow",
      "FROM base",
      "RUN apk add -t .b gcc && apk del .b",
    ];
    expect(await findingsFor(...parentKeeps, ...entry)).toEqual([]);
  });

  it("drops them when the installed list comes from a variable", async () => {
    const arg = ['ARG RUNTIME_DEPS="shadow su-exec"', "RUN apk add --no-cache $RUNTIME_DEPS"];
    expect(await findingsFor(...arg, ...entry)).toEqual([]);
  });
});

describe("migrate's script warnings when the migrated image installs shadow", () => {
  it("leaves out shadow-tool when the image runs apk add shadow, and keeps it when it does not", async () => {
    const rules = async (install: string) => {
      const text = dockerfile(install, "COPY entry.sh /entry.sh", 'ENTRYPOINT ["/entry.sh"]');
      // chsh: a shadow tool the rewrite has no warning of its own for.
      const repo = await scratch.make({
        "entry.sh": "#!/bin/sh\nchsh -s /bin/sh app\n",
        Dockerfile: text,
      });
      const plan = await planDefault(repo.root, { release: "3.23" });
      return plan.files.find((f) => f.file === "entry.sh")?.warnings.map((w) => w.rule);
    };
    expect(await rules("RUN apk add --no-cache shadow su-exec")).not.toContain("shadow-tool");
    expect(await rules("RUN apk add --no-cache su-exec")).toContain("shadow-tool");
    const removed = "RUN apk add --no-cache -t .tmp shadow && apk del .tmp";
    expect(await rules(removed)).toContain("shadow-tool");
  });
});
