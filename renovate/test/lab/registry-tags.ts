import { type PushedImage, pushImage } from "@alpinize/testkit";

/** What the loopback registry holds for alpine: three 3.x lines, a 4.x, edge and a dated tag. */
export const ALPINE_TAGS = [
  "3.21.0",
  "3.21.5",
  "3.21",
  "3.22.0",
  "3.22.2",
  "3.22",
  "3.23.0",
  "3.23.2",
  "3.23.3",
  "3.23",
  "3",
  "4.0.0",
  "4.0",
  "4",
  "edge",
  "20251224",
  "latest",
] as const;

/** Tags Renovate must never propose for alpine under the preset. */
export const FORBIDDEN_ALPINE_TAGS = ["4.0.0", "4.0", "4", "edge", "20251224", "latest"];

/** Both repository spellings the fixtures use: `alpine` and `library/alpine`. */
export const ALPINE_REPOSITORIES = ["alpine", "library/alpine"] as const;

export type Digests = Map<string, string>;

/** `repository:tag` → the index digest the registry answered the push with. */
export async function pushAlpineTags(registryUrl: string): Promise<Digests> {
  const digests: Digests = new Map();
  for (const repository of ALPINE_REPOSITORIES) {
    for (const tag of ALPINE_TAGS) {
      // A seed per repository: a digest in the report then also tells which repository was asked.
      const pushed = await pushImage(registryUrl, repository, tag, {
        seed: `${repository}:${tag}`,
      });
      digests.set(`${repository}:${tag}`, indexDigest(pushed, `${repository}:${tag}`));
    }
  }
  const debian = await pushImage(registryUrl, "debian", "bookworm-slim");
  digests.set("debian:bookworm-slim", indexDigest(debian, "debian:bookworm-slim"));
  return digests;
}

export function indexDigest(pushed: PushedImage, ref: string): string {
  if (!pushed.indexDigest) throw new Error(`pushing ${ref} gave no index digest`);
  return pushed.indexDigest;
}
