import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { checkTargets } from "../check/run.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { applyPlan } from "./apply.js";
import { planRepository } from "./plan.js";

/** useradd without a UID: the shims need one, so the rewrite leaves the call as it is. */
const USERADD = [
  "#!/bin/sh",
  "set -e",
  "useradd -m app 2>/dev/null || true",
  'exec runuser -u app -- "$@"',
  "",
].join("\n");
const USERMOD = ["#!/bin/sh", "usermod -u 1001 app", 'exec "$@"', ""].join("\n");
const RUNS = ["COPY entrypoint.sh /entrypoint.sh", 'ENTRYPOINT ["/entrypoint.sh"]', 'CMD ["id"]'];

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function migrate(dockerfile: string[], script = USERADD, config = defaultConfig()) {
  await repo?.remove();
  repo = await scratchRepo({
    Dockerfile: [...dockerfile, ""].join("\n"),
    "entrypoint.sh": script,
  });
  const plan = await planRepository(repo.root, {
    config,
    transforms: defaultTransforms(),
    release: "3.23",
  });
  const dockerfilePlan = plan.files.find((f) => f.file === "Dockerfile")!;
  const shadow = dockerfilePlan.warnings.filter((w) => w.rule === "shadow");
  return { plan, after: dockerfilePlan.after, shadow };
}

async function checkFindings(root: string) {
  const result = await checkTargets([{ path: root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: root,
  });
  return result.findings;
}

describe("migrate installs shadow for the shadow calls an entrypoint keeps", () => {
  it("adds shadow to the stage's apk add for useradd without a UID, and check passes", async () => {
    const { plan, after, shadow } = await migrate([
      "FROM debian:12-slim",
      "RUN apt-get update && apt-get install -y curl",
      ...RUNS,
    ]);
    expect(after).toBe(
      ["FROM alpine:3.23", "RUN apk add --no-cache curl su-exec shadow", ...RUNS, ""].join("\n"),
    );
    expect(shadow).toEqual([expect.objectContaining({ line: 3 })]);
    expect(shadow[0]?.message).toMatch(
      /^shadow added to the apk add of stage 0: useradd \(entrypoint\.sh:3\) stays as written in a script the image runs .*busybox has no useradd applet/,
    );
    expect(plan.files.find((f) => f.file === "entrypoint.sh")?.after).toContain(
      "useradd -m app 2>/dev/null || true",
    );
    await applyPlan(plan);
    const findings = await checkFindings(repo!.root);
    expect(findings.filter((f) => f.message.startsWith("shadow-tool:"))).toEqual([]);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("writes a RUN of its own after FROM when the stage installs nothing", async () => {
    const { after, shadow } = await migrate(["FROM debian:bookworm-slim", ...RUNS], USERMOD);
    expect(after).toBe(
      ["FROM alpine:3.23", "RUN apk add --no-cache shadow", ...RUNS, ""].join("\n"),
    );
    expect(shadow[0]?.message).toMatch(
      /^RUN apk add --no-cache shadow added after the FROM of stage 0: usermod \(entrypoint\.sh:2\)/,
    );
  });

  it("adds shadow for a passwd option only shadow's passwd takes, and names the option", async () => {
    const script = ["#!/bin/sh", "passwd -e app", "passwd -l root", 'exec "$@"', ""].join("\n");
    const { plan, after, shadow } = await migrate(["FROM debian:bookworm-slim", ...RUNS], script);
    expect(after).toBe(
      ["FROM alpine:3.23", "RUN apk add --no-cache shadow", ...RUNS, ""].join("\n"),
    );
    expect(shadow[0]?.message).toContain("passwd -e (entrypoint.sh:2) stays as written");
    expect(shadow[0]?.message).toContain("busybox has no passwd -e, so");
    await applyPlan(plan);
    const findings = await checkFindings(repo!.root);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("names every call that needs it, those behind sudo too, and drops their lint findings", async () => {
    const script = [
      "#!/bin/sh",
      "userdel old",
      "sudo groupmod -n staff users",
      'exec "$@"',
      "",
    ].join("\n");
    const { plan, shadow } = await migrate(["FROM debian:bookworm-slim", ...RUNS], script);
    expect(shadow[0]?.message).toContain(
      "userdel (entrypoint.sh:2), groupmod (entrypoint.sh:3) stay as written",
    );
    expect(shadow[0]?.message).toContain("busybox has none of userdel, groupmod");
    const warnings = plan.files.find((f) => f.file === "entrypoint.sh")?.warnings ?? [];
    expect(warnings.filter((w) => w.rule === "shadow-tool")).toEqual([]);
    await applyPlan(plan);
    const findings = await checkFindings(repo!.root);
    expect(findings.filter((f) => f.message.startsWith("shadow-tool:"))).toEqual([]);
  });

  it("covers a script the image runs as CMD", async () => {
    const { after } = await migrate(
      ["FROM debian:bookworm-slim", "COPY entrypoint.sh /start.sh", 'CMD ["/start.sh"]'],
      USERMOD,
    );
    expect(after).toContain("FROM alpine:3.23\nRUN apk add --no-cache shadow\n");
  });

  it("goes after the stage's own USER root when the stage it builds on switched user", async () => {
    const { after } = await migrate(
      ["FROM debian:bookworm-slim AS base", "USER daemon", "FROM base", "USER root", ...RUNS],
      USERMOD,
    );
    expect(after).toContain("FROM base\nUSER root\nRUN apk add --no-cache shadow\nCOPY");
  });

  it("installs as root and goes back to the inherited user", async () => {
    const { after, plan } = await migrate(
      ["FROM debian:bookworm-slim AS base", "USER daemon", "FROM base", ...RUNS],
      USERMOD,
    );
    expect(after).toContain(
      "FROM base\nUSER root\nRUN apk add --no-cache shadow\nUSER daemon\nCOPY",
    );
    await applyPlan(plan);
    const findings = await checkFindings(repo!.root);
    expect(findings.filter((f) => f.message.startsWith("shadow-tool:"))).toEqual([]);
  });

  it("adds it once to a stage that later stages build on", async () => {
    const { after, shadow } = await migrate(
      [
        "FROM debian:bookworm-slim AS base",
        "RUN apt-get update && apt-get install -y curl",
        ...RUNS,
        "FROM base AS final",
        "RUN apt-get update && apt-get install -y jq",
      ],
      USERMOD,
    );
    expect(after.match(/shadow/g)).toHaveLength(1);
    expect(after).toContain("RUN apk add --no-cache curl shadow\n");
    expect(shadow).toHaveLength(1);
  });

  it("adds nothing when the shims stood in for every call", async () => {
    const script = [
      "#!/bin/sh",
      "groupadd -g 1000 app",
      "useradd -u 1000 -g 1000 -d /app -s /bin/sh app",
      'exec "$@"',
      "",
    ].join("\n");
    const { after, shadow } = await migrate(["FROM debian:bookworm-slim", ...RUNS], script);
    expect(after).not.toContain("shadow");
    expect(shadow).toEqual([]);
  });

  it.each([
    [
      "installs passwd with apt (it becomes shadow)",
      ["FROM debian:bookworm-slim", "RUN apt-get update && apt-get install -y passwd"],
    ],
    ["is in images.ignore", ["FROM debian:bookworm-slim"]],
  ])("leaves a Dockerfile whose stage %s", async (what, lines) => {
    const config = defaultConfig();
    if (what.startsWith("is in")) config.images.ignore = ["debian"];
    const { after, shadow } = await migrate([...lines, ...RUNS], USERMOD, config);
    expect(after.match(/shadow/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(shadow).toEqual([]);
  });

  it("leaves an image that was Alpine already", async () => {
    const dockerfile = ["FROM alpine:3.23", ...RUNS];
    const { after, shadow } = await migrate(dockerfile, USERMOD);
    expect(after).toBe(`${dockerfile.join("\n")}\n`);
    expect(shadow).toEqual([]);
  });
});
