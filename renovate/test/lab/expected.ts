/** One reference in the scratch repository and the updates Renovate must propose for it. */
export interface Expected {
  manager: string;
  packageFile: string;
  depName: string;
  currentValue: string;
  /** Repository in the loopback registry that answers for it. */
  repository: string;
  /** `updateType newValue`, e.g. `pinDigest 3.22.2` or `minor 3.23.3`. */
  updates: string[];
  /** Pinned to the digest 3.23.3 had before it was re-pushed. */
  stale: boolean;
}

function ref(
  where: string,
  image: string,
  repository: string,
  updates: string[],
  stale = false,
): Expected {
  const [manager = "", packageFile = ""] = where.split(" ");
  // `alpine` alone has no tag: Renovate reports no currentValue (the registry's `latest`).
  const colon = image.lastIndexOf(":");
  return {
    manager,
    packageFile,
    depName: colon < 0 ? image : image.slice(0, colon),
    currentValue: colon < 0 ? "" : image.slice(colon + 1),
    repository,
    updates,
    stale,
  };
}

const DOCKERFILE = "dockerfile Dockerfile";
const COMPOSE = "docker-compose docker-compose.yml";
const WORKFLOW = "github-actions .github/workflows/ci.yml";
const TOOLS = "dockerfile tools/Dockerfile";

/** Every docker reference in test/fixtures/scratch. */
export const EXPECTED: Expected[] = [
  ref(DOCKERFILE, "debian:bookworm-slim", "debian", ["pinDigest bookworm-slim"]),
  // FROM --platform=$BUILDPLATFORM library/alpine:3.22.2 (Renovate drops `library/` from depName)
  ref(DOCKERFILE, "alpine:3.22.2", "library/alpine", ["pinDigest 3.22.2", "minor 3.23.3"]),
  // 4 exists in the registry: only the pin is allowed
  ref(DOCKERFILE, "alpine:3", "alpine", ["pinDigest 3"]),
  // ARG BASE_IMAGE=alpine:3.23.2, used as FROM ${BASE_IMAGE}
  ref(DOCKERFILE, "alpine:3.23.2", "alpine", ["pinDigest 3.23.2", "patch 3.23.3"]),
  // ARG RUNTIME_IMAGE=alpine:3.23.3@<stale>
  ref(DOCKERFILE, "alpine:3.23.3", "alpine", ["digest 3.23.3"], true),
  ref(COMPOSE, "docker.io/library/alpine:3.21.5", "library/alpine", [
    "pinDigest 3.21.5",
    "minor 3.23.3",
  ]),
  ref(COMPOSE, "docker.io/alpine:3.23", "alpine", ["pinDigest 3.23"]),
  ref(WORKFLOW, "alpine:3.23.2", "alpine", ["pinDigest 3.23.2", "patch 3.23.3"]),
  ref(WORKFLOW, "alpine:3.22", "alpine", ["pinDigest 3.22", "minor 3.23"]),
  // the annotated-images custom manager: a shell variable in a run: step, and a script
  ref("regex .github/workflows/ci.yml", "alpine:3.22.2", "alpine", [
    "pinDigest 3.22.2",
    "minor 3.23.3",
  ]),
  ref("regex scripts/release.sh", "alpine:3.23.3", "alpine", ["digest 3.23.3"], true),
  // depName is only a label: alpine-line must match the looked-up packageName (alpine)
  ref("regex scripts/release.sh", "release-base:3.22.2", "alpine", [
    "pinDigest 3.22.2",
    "minor 3.23.3",
  ]),
  // tools/Dockerfile: moving tags, pinned but never moved to another tag. docker.io/alpine is
  // rewritten in packageName by the lab's registryAliases: the rules must match it by depName.
  ref(TOOLS, "docker.io/alpine:edge", "alpine", ["pinDigest edge"]),
  // no tag at all (the registry's latest): Renovate reports no currentValue
  ref(TOOLS, "alpine", "alpine", ["pinDigest "]),
  ref(TOOLS, "alpine:latest", "alpine", ["pinDigest latest"]),
  // Docker Hub's API hosts without library/ are alpine too: 3.x only, latest waits for a person
  ref(TOOLS, "index.docker.io/alpine:3.22", "alpine", ["pinDigest 3.22", "minor 3.23"]),
  ref(TOOLS, "registry-1.docker.io/alpine:latest", "alpine", ["pinDigest latest"]),
  // The official image on public mirrors, and the API hosts with library/: the same rules, matched
  // by the name as written (the lab's registryAliases send all of them to library/alpine).
  ref(TOOLS, "mirror.gcr.io/library/alpine:3.22", "library/alpine", [
    "pinDigest 3.22",
    "minor 3.23",
  ]),
  ref(TOOLS, "mirror.gcr.io/library/alpine:edge", "library/alpine", ["pinDigest edge"]),
  ref(TOOLS, "public.ecr.aws/docker/library/alpine:3.21.5", "library/alpine", [
    "pinDigest 3.21.5",
    "minor 3.23.3",
  ]),
  ref(TOOLS, "index.docker.io/library/alpine:3.23.2", "library/alpine", [
    "pinDigest 3.23.2",
    "patch 3.23.3",
  ]),
  // 4 exists in the registry: only the pin is allowed
  ref(TOOLS, "registry-1.docker.io/library/alpine:3", "library/alpine", ["pinDigest 3"]),
  // depName is only a label: the floating-tags rule must match the looked-up packageName
  ref("regex tools/smoke.sh", "smoke-base:edge", "alpine", ["pinDigest edge"]),
  // one dependency per comment: the first image:tag, not busybox:1.36 or host:port after it
  ref("regex tools/run.sh", "alpine:3.21.5", "alpine", ["pinDigest 3.21.5", "minor 3.23.3"]),
  ref("regex tools/run.sh", "alpine:3.23.2", "alpine", ["pinDigest 3.23.2", "patch 3.23.3"]),
];

/** Where a person, not automerge, takes alpine's moving-tag pins and refreshes. */
export const FLOATING_GROUP = {
  groupName: "alpine floating tags",
  branch: "renovate/alpine-floating-tags",
};
/** References in {@link EXPECTED} whose digest updates belong to {@link FLOATING_GROUP}. */
export const FLOATING_REFS = new Set([
  "docker.io/alpine:edge",
  "alpine:",
  "alpine:latest",
  "registry-1.docker.io/alpine:latest",
  "mirror.gcr.io/library/alpine:edge",
  "smoke-base:edge",
]);
