import { describe, expect, it } from "vitest";
import {
  checkDefault,
  ENTRYPOINT_RUNS,
  planWithEntrypoint,
  RUNUSER_SCRIPT,
  scratchRepoPerTest,
} from "../../test/run-defaults.js";
import { applyPlan } from "./apply.js";

const RUNUSER = RUNUSER_SCRIPT;
const RUNS = ENTRYPOINT_RUNS;

const scratch = scratchRepoPerTest();

async function migrate(dockerfile: string[], script = RUNUSER) {
  const { plan, dockerfile: file } = await planWithEntrypoint(scratch, dockerfile, script);
  return { plan, after: file.after, warnings: file.warnings };
}

async function checkErrors(root: string) {
  const result = await checkDefault(root);
  return result.findings.filter((f) => f.severity === "error");
}

describe("migrate gives alpinize_exec_as something to run", () => {
  it("adds su-exec to the stage's apk add for a runuser entrypoint, and check passes", async () => {
    const { plan, after, warnings } = await migrate([
      "FROM debian:12-slim",
      "RUN apt-get update && apt-get install -y curl",
      ...RUNS,
    ]);
    expect(after).toBe(
      ["FROM alpine:3.23", "RUN apk add --no-cache curl su-exec", ...RUNS, ""].join("\n"),
    );
    expect(warnings.filter((w) => w.rule === "exec-as")).toEqual([
      expect.objectContaining({ line: 3 }),
    ]);
    expect(warnings.find((w) => w.rule === "exec-as")?.message).toMatch(
      /^su-exec added to the apk add of stage 0: entrypoint\.sh drops privileges with alpinize_exec_as \(its runuser calls\)/,
    );
    expect(plan.files.find((f) => f.file === "entrypoint.sh")?.after).toContain(
      '{ alpinize_exec_as app "$@" || exit; }',
    );
    await applyPlan(plan);
    expect(await checkErrors(scratch.root)).toEqual([]);
  });

  it("writes a RUN of its own after FROM when the stage installs nothing", async () => {
    const setpriv = '#!/bin/sh\nexec setpriv --reuid=app --regid=app --init-groups "$@"\n';
    const { after } = await migrate(["FROM debian:bookworm-slim", ...RUNS], setpriv);
    expect(after).toBe(
      ["FROM alpine:3.23", "RUN apk add --no-cache su-exec", ...RUNS, ""].join("\n"),
    );
  });

  it("appends to the last package of a continued list, before a redirect", async () => {
    const { after } = await migrate([
      "FROM debian:bookworm-slim",
      "RUN apt-get update \\",
      " && apt-get install -y --no-install-recommends \\",
      "      curl \\",
      "      jq >/dev/null \\",
      " && rm -rf /var/lib/apt/lists/*",
      ...RUNS,
    ]);
    expect(after).toContain("      jq su-exec >/dev/null\n");
  });

  it("goes after the stage's own USER root when the stage it builds on switched user", async () => {
    const { after } = await migrate([
      "FROM debian:bookworm-slim AS base",
      "USER daemon",
      "FROM base",
      "USER root",
      ...RUNS,
    ]);
    expect(after).toContain("FROM base\nUSER root\nRUN apk add --no-cache su-exec\nCOPY");
  });

  it.each([
    [
      "installs gosu with apt (it becomes su-exec)",
      ["RUN apt-get update && apt-get install -y gosu"],
    ],
    [
      "downloads a gosu release",
      [
        "RUN curl -fsSL -o /usr/local/bin/gosu https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 && chmod +x /usr/local/bin/gosu",
      ],
    ],
    ["runs as another user", ["USER nobody"]],
  ])("leaves a Dockerfile that %s", async (_what, lines) => {
    const { after, warnings } = await migrate(["FROM debian:bookworm-slim", ...lines, ...RUNS]);
    expect(after.match(/su-exec/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(warnings.filter((w) => w.rule === "exec-as")).toEqual([]);
  });

  it("leaves an image that was Alpine already", async () => {
    const script =
      '#!/bin/sh\nuseradd -u 1000 -g 1000 -d /app -s /bin/sh app\nexec su-exec app "$@"\n';
    const dockerfile = ["FROM alpine:3.23", ...RUNS];
    const { after, warnings } = await migrate(dockerfile, script);
    expect(after).toBe(`${dockerfile.join("\n")}\n`);
    expect(warnings.filter((w) => w.rule === "exec-as")).toEqual([]);
  });
});
