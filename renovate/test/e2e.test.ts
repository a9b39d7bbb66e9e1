import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pushImage, requireBinary, type StartedRegistry, startRegistry } from "@alpinize/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DIGEST_BRANCH,
  expectOnTheLine,
  FLOATING_BRANCH,
  find,
  isDigestUpdate,
  isFloating,
  key,
  MERGED_BRANCHES,
  tagOf,
} from "./lab/checks.js";
import { EXPECTED, FLOATING_GROUP } from "./lab/expected.js";
import { mergeDigestGroup } from "./lab/merge-branches.js";
import { type PresetServer, startPresetServer } from "./lab/preset-server.js";
import { type Digests, indexDigest, pushAlpineTags } from "./lab/registry-tags.js";
import { findRenovate, PRESET_DIR, type RenovateInstall } from "./lab/renovate-install.js";
import { type LabRun, runRenovateLab } from "./lab/renovate-run.js";
import { branchesFromLog, dockerDeps } from "./lab/report.js";
import { commitEdit, createScratchRepo } from "./lab/scratch-repo.js";

const EDGE_WORKAROUND = "workarounds:doNotUpgradeFromAlpineStableToEdge";
// A Renovate run over the scratch repository takes about 10 s, several times that when turbo
// runs other packages' tests beside it.
const RUN_TIMEOUT = 360_000;
// The one warning the lab expects: the loopback registry, like every registry but Docker Hub,
// gives no push times, so minimumReleaseAge is skipped (minimumReleaseAgeBehaviour).
const NO_TIMESTAMP_WARNING = "Some release(s) did not have a releaseTimestamp";

let install: RenovateInstall;
let registry: StartedRegistry | undefined;
let presets: PresetServer | undefined;
let work = "";
let repo = "";
let digests: Digests;
let staleDigest = "";
let runs = 0;

async function renovate(): Promise<LabRun> {
  runs += 1;
  const result = await runRenovateLab(install, {
    repo,
    workDir: join(work, `run${runs}`),
    registryUrl: registry!.url,
    presetUrl: presets!.url,
  });
  expect(result.code, result.stderr.slice(-2000)).toBe(0);
  const warnings = result.log
    .filter((line) => line.level >= 40 && !line.msg.startsWith(NO_TIMESTAMP_WARNING))
    .map((line) => line.msg);
  expect(warnings, "Renovate warnings").toEqual([]);
  return result;
}

beforeAll(async () => {
  install = findRenovate();
  requireBinary("docker-registry");
  work = await mkdtemp(join(tmpdir(), "alpinize-renovate-"));
  registry = await startRegistry({ auth: "none" });
  presets = await startPresetServer(PRESET_DIR);
  // 3.23.3 first held other content: its digest is the stale pin in the fixtures.
  staleDigest = indexDigest(
    await pushImage(registry.url, "alpine", "3.23.3", { seed: "before-rebuild" }),
    "alpine:3.23.3",
  );
  digests = await pushAlpineTags(registry.url);
  repo = join(work, "repo");
  // The order config:recommended users get when they list it first: the edge workaround, then us.
  await createScratchRepo(
    repo,
    join(PRESET_DIR, "test/fixtures/scratch"),
    {
      STALE_DIGEST: staleDigest,
    },
    [EDGE_WORKAROUND, `${presets.url}default.json`],
  );
}, 60_000);

afterAll(async () => {
  await presets?.stop();
  await registry?.stop();
  // ALPINIZE_KEEP_LAB=1 keeps the scratch repository, configs, reports and logs for a post-mortem.
  if (work && process.env.ALPINIZE_KEEP_LAB !== "1")
    await rm(work, { recursive: true, force: true });
});

describe("Renovate with the preset, offline against a loopback registry", () => {
  let first: LabRun;

  it(
    "fetches every preset file and finds every image reference",
    async () => {
      first = await renovate();
      expect(new Set(presets!.requests())).toEqual(
        new Set(["/default.json", "/digests.json", "/alpine-line.json", "/annotated-images.json"]),
      );
      expect(first.log.some((line) => line.msg.startsWith(NO_TIMESTAMP_WARNING))).toBe(true);
      const found = dockerDeps(first.report).map(key).sort();
      expect(found).toEqual(EXPECTED.map(key).sort());
    },
    RUN_TIMEOUT,
  );

  it("proposes pins and stale-digest updates with the registry's index digests", () => {
    const deps = dockerDeps(first.report);
    for (const expected of EXPECTED) {
      const dep = find(deps, expected);
      expect(dep.currentDigest).toBe(expected.stale ? staleDigest : undefined);
      const proposed = dep.updates.map((u) => `${u.updateType} ${u.newValue ?? ""}`).sort();
      expect(proposed, key(expected)).toEqual([...expected.updates].sort());
      for (const update of dep.updates) {
        const ref = `${expected.repository}:${tagOf(update.newValue)}`;
        const want = digests.get(ref);
        expect(want, `${ref} was pushed`).toBeDefined();
        expect(update.newDigest, `${key(expected)} → ${update.updateType}`).toBe(want);
        expect(update.pendingChecks ?? false).toBe(false);
      }
    }
    expect(digests.get("alpine:3.23.3")).not.toBe(staleDigest);
  });

  it("never proposes another major, edge or a dated tag", () => {
    for (const dep of dockerDeps(first.report)) {
      for (const update of dep.updates) expectOnTheLine(key(dep), dep.currentValue, update);
    }
  });

  it("groups every pin and digest update in one automerged branch; tag bumps stay manual", () => {
    const deps = dockerDeps(first.report);
    const digestUpdates = deps
      .filter((d) => !isFloating(d))
      .flatMap((d) => d.updates.filter(isDigestUpdate));
    expect(digestUpdates.length).toBe(19);
    for (const update of digestUpdates) expect(update.branchName).toBe(DIGEST_BRANCH);

    const branches = branchesFromLog(first.log);
    const group = branches.find((b) => b.branchName === DIGEST_BRANCH);
    expect(group).toBeDefined();
    expect(group!.automerge).toBe(true);
    expect(group!.groupName).toBe("docker digests");
    expect(group!.upgrades).toHaveLength(digestUpdates.length);
    for (const upgrade of group!.upgrades) {
      expect(["pinDigest", "digest"]).toContain(upgrade.updateType);
      expect(upgrade.automerge).toBe(true);
      expect(upgrade.minimumReleaseAge).toBe("3 hours");
    }

    // runs-on: ubuntu-24.04 is a github-runners dependency with a branch of its own: not ours.
    const bumps = branches.filter(
      (b) =>
        !MERGED_BRANCHES.includes(b.branchName) &&
        b.upgrades.every((u) => u.datasource === "docker"),
    );
    expect(bumps.map((b) => b.branchName).sort()).toEqual([
      "renovate/alpine-3.x",
      "renovate/docker.io-library-alpine-3.x",
      "renovate/index.docker.io-alpine-3.x",
      "renovate/index.docker.io-library-alpine-3.x",
      "renovate/mirror.gcr.io-library-alpine-3.x",
      "renovate/public.ecr.aws-docker-library-alpine-3.x",
      "renovate/release-base-3.x",
    ]);
    for (const branch of bumps) {
      expect(branch.automerge).toBe(false);
      for (const upgrade of branch.upgrades) {
        expect(["major", "minor", "patch"]).toContain(upgrade.updateType);
        expect(upgrade.newValue).toMatch(/^3\.\d+(\.\d+)?$/);
      }
    }
  });

  it("pins alpine's moving tags (edge, latest, none) in a group of their own that waits for a person", () => {
    const floating = dockerDeps(first.report).filter(isFloating);
    expect(floating.map(key).sort()).toEqual([
      "dockerfile tools/Dockerfile alpine:",
      "dockerfile tools/Dockerfile alpine:latest",
      "dockerfile tools/Dockerfile docker.io/alpine:edge",
      "dockerfile tools/Dockerfile mirror.gcr.io/library/alpine:edge",
      "dockerfile tools/Dockerfile registry-1.docker.io/alpine:latest",
      "regex tools/smoke.sh smoke-base:edge",
    ]);
    for (const dep of floating) {
      expect(
        dep.updates.map((u) => u.branchName),
        key(dep),
      ).toEqual([FLOATING_BRANCH]);
    }
    const branches = branchesFromLog(first.log);
    const group = branches.find((b) => b.branchName === FLOATING_BRANCH);
    expect(group, FLOATING_BRANCH).toBeDefined();
    expect(group!.groupName).toBe(FLOATING_GROUP.groupName);
    expect(group!.automerge).toBe(false);
    expect(group!.upgrades.map((u) => `${u.updateType} ${u.newValue ?? ""}`).sort()).toEqual([
      "pinDigest ",
      "pinDigest edge",
      "pinDigest edge",
      "pinDigest edge",
      "pinDigest latest",
      "pinDigest latest",
    ]);
    for (const upgrade of group!.upgrades) {
      expect(upgrade.automerge).toBe(false);
      // The digests preset's wait still applies: only grouping and automerge differ.
      expect(upgrade.minimumReleaseAge).toBe("3 hours");
    }
    // Splitting them off leaves the main digest group automerged (automerge is per branch).
    expect(branches.find((b) => b.branchName === DIGEST_BRANCH)?.automerge).toBe(true);
  });

  it(
    "rewrites every file of the digest group with Renovate's own code, keeping the rest",
    async () => {
      await mergeDigestGroup(install, repo, join(work, "autoreplace"), first);
      const at = (tag: string, repository = "alpine") =>
        `${tag}@${digests.get(`${repository}:${tag}`)}`;
      const read = (file: string) => readFile(join(repo, file), "utf8");
      const dockerfile = await read("Dockerfile");
      expect(dockerfile).toContain(`ARG BASE_IMAGE=alpine:${at("3.23.2")}\n`);
      expect(dockerfile).toContain(`ARG RUNTIME_IMAGE=alpine:${at("3.23.3")}\n`);
      expect(dockerfile).toContain(
        `FROM --platform=$BUILDPLATFORM library/alpine:${at("3.22.2", "library/alpine")} AS build\n`,
      );
      expect(dockerfile).toContain(`FROM alpine:${at("3")} AS tools\n`);
      // The ARG line took the pin; the FROM that uses it is left alone.
      expect(dockerfile).toContain(["FROM $", "{BASE_IMAGE} AS base\n"].join(""));
      expect(await read("docker-compose.yml")).toContain(
        `image: docker.io/library/alpine:${at("3.21.5", "library/alpine")}\n`,
      );
      const workflow = await read(".github/workflows/ci.yml");
      expect(workflow).toContain(`container: alpine:${at("3.23.2")}\n`);
      expect(workflow).toContain(`image: alpine:${at("3.22")}\n`);
      expect(workflow).toContain(
        `# renovate: datasource=docker depName=alpine\n          SMOKE_IMAGE=alpine:${at("3.22.2")}\n`,
      );
      const script = await read("scripts/release.sh");
      expect(script).toContain(`RELEASE_IMAGE="alpine:${at("3.23.3")}"\n`);
      expect(script).toContain(`BUILD_IMAGE=alpine:${at("3.22.2")}\n`);
      const tools = await read("tools/Dockerfile");
      expect(tools).toContain(`FROM docker.io/alpine:${at("edge")} AS nightly\n`);
      expect(tools).toContain(`FROM alpine@${digests.get("alpine:latest")} AS untagged\n`);
      expect(tools).toContain(`FROM alpine:${at("latest")}\n`);
      expect(tools).toContain(`FROM index.docker.io/alpine:${at("3.22")} AS hubindex\n`);
      expect(tools).toContain(`FROM registry-1.docker.io/alpine:${at("latest")} AS hubregistry\n`);
      const library = (tag: string) => at(tag, "library/alpine");
      expect(tools).toContain(
        `FROM mirror.gcr.io/library/alpine:${library("3.22")} AS gcrmirror\n`,
      );
      expect(tools).toContain(
        `FROM mirror.gcr.io/library/alpine:${library("edge")} AS gcrnightly\n`,
      );
      expect(tools).toContain(
        `FROM public.ecr.aws/docker/library/alpine:${library("3.21.5")} AS ecrmirror\n`,
      );
      expect(tools).toContain(
        `FROM index.docker.io/library/alpine:${library("3.23.2")} AS hubindexlibrary\n`,
      );
      expect(tools).toContain(
        `FROM registry-1.docker.io/library/alpine:${library("3")} AS hubregistrylibrary\n`,
      );
      expect(await read("tools/smoke.sh")).toContain(`SMOKE_BASE=alpine:${at("edge")}\n`);
      expect(await read("tools/run.sh")).toContain(
        [
          "# renovate: datasource=docker depName=alpine",
          `IMAGE=alpine:${at("3.21.5")} OTHER=busybox:1.36`,
          "# renovate: datasource=docker depName=alpine",
          `docker run --rm alpine:${at("3.23.2")} sh -c 'echo host:port'\n`,
        ].join("\n"),
      );
    },
    RUN_TIMEOUT,
  );

  it(
    "proposes no digest update once merged, and one per 3.23.3 pin after a re-push",
    async () => {
      const settled = dockerDeps((await renovate()).report);
      expect(settled.map(key).sort()).toEqual(EXPECTED.map(key).sort());
      for (const dep of settled) {
        expect(dep.currentDigest, key(dep)).toMatch(/^sha256:/);
        expect(dep.updates.filter((u) => MERGED_BRANCHES.includes(u.branchName ?? ""))).toEqual([]);
      }

      const current = digests.get("alpine:3.23.3")!;
      const rebuilt = indexDigest(
        await pushImage(registry!.url, "alpine", "3.23.3", { seed: "rebuilt" }),
        "alpine:3.23.3",
      );
      expect(rebuilt).not.toBe(current);
      // latest moves to Alpine 4: the same content as 4.0.0.
      const four = digests.get("alpine:4.0.0")!;
      const moved = indexDigest(
        await pushImage(registry!.url, "alpine", "latest", { seed: "alpine:4.0.0" }),
        "alpine:latest",
      );
      expect(moved).toBe(four);
      const result = await renovate();
      const updates = (branch: string) =>
        dockerDeps(result.report).flatMap((dep) =>
          dep.updates
            .filter((u) => u.branchName === branch)
            .map((u) => ({ ref: key(dep), from: dep.currentDigest, ...u })),
        );
      const refreshed = updates(DIGEST_BRANCH);
      // ARG RUNTIME_IMAGE and the script's RELEASE_IMAGE; 3.23.2, 3.22.2… were not re-pushed.
      expect(refreshed.map((u) => u.ref).sort()).toEqual([
        "dockerfile Dockerfile alpine:3.23.3",
        "regex scripts/release.sh alpine:3.23.3",
      ]);
      for (const update of refreshed) {
        expect(update).toMatchObject({ updateType: "digest", newValue: "3.23.3", from: current });
        expect(update.newDigest).toBe(rebuilt);
      }
      // The Alpine 4 refreshes of latest and of the tag-less FROM wait for a person.
      const toFour = updates(FLOATING_BRANCH);
      expect(toFour.map((u) => u.ref).sort()).toEqual([
        "dockerfile tools/Dockerfile alpine:",
        "dockerfile tools/Dockerfile alpine:latest",
        "dockerfile tools/Dockerfile registry-1.docker.io/alpine:latest",
      ]);
      for (const update of toFour) {
        expect(update).toMatchObject({
          updateType: "digest",
          from: digests.get("alpine:latest"),
          newDigest: four,
        });
      }
      const branches = branchesFromLog(result.log);
      expect(branches.find((b) => b.branchName === FLOATING_BRANCH)?.automerge).toBe(false);
      expect(branches.find((b) => b.branchName === DIGEST_BRANCH)?.automerge).toBe(true);
    },
    2 * RUN_TIMEOUT,
  );

  it(
    "keeps alpine on 3.x when a preset listed after it resets allowedVersions",
    async () => {
      // config:recommended listed after this preset brings the edge workaround's
      // allowedVersions "<20000000" last; the guard rules must still drop every 4.x tag.
      await commitEdit(
        repo,
        "renovate.json",
        () =>
          `${JSON.stringify({ extends: [`${presets!.url}default.json`, EDGE_WORKAROUND] }, null, 2)}\n`,
        "list the edge workaround after the preset",
      );
      const result = await renovate();
      const proposedMajors = dockerDeps(result.report).flatMap((d) =>
        d.updates.filter((u) => u.updateType === "major").map((u) => u.newValue),
      );
      // The override is real (Renovate looks 4.x up again), yet no branch carries it.
      expect(proposedMajors.length).toBeGreaterThan(0);
      const branches = branchesFromLog(result.log);
      // Not vacuous: the 3.x bumps and the digest group are still there, only 4.x is gone.
      expect(branches.map((b) => b.branchName)).toEqual(
        expect.arrayContaining([DIGEST_BRANCH, "renovate/alpine-3.x"]),
      );
      for (const branch of branches) {
        expect(branch.branchName).not.toMatch(/4\.x|edge/);
        for (const upgrade of branch.upgrades) {
          const current = upgrade.currentValue ?? "";
          expectOnTheLine(`${branch.branchName} ${upgrade.depName}:${current}`, current, upgrade);
        }
      }
      // latest's pending move to Alpine 4 still waits in its own, manual branch.
      expect(branches.find((b) => b.branchName === FLOATING_BRANCH)?.automerge).toBe(false);
    },
    RUN_TIMEOUT,
  );
});
