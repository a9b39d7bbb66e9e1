/**
 * Images outside the official library whose vendors publish Alpine tags of their own, spelled
 * their own way: the variant word stands after the version (`oven/bun:1.1-debian`, `1.1-alpine`)
 * or before it (`denoland/deno:debian-2.1.4`, `alpine-2.1.4`). Data only: a new vendor is a row.
 */

export interface VendorTags {
  /** Where the variant word stands in a versioned tag. */
  variant: "suffix" | "prefix";
  /** Variant words of the Debian and Ubuntu builds: replaced by `alpine`. A bare version is one too. */
  debian: readonly string[];
  /** Variant words with no Alpine twin, and why. */
  noAlpine: Readonly<Record<string, string>>;
  /** Variant words of images that carry no distribution (only a binary, to copy from). */
  noDistro?: readonly string[];
}

export const VENDOR_TAGS: ReadonlyMap<string, VendorTags> = new Map<string, VendorTags>([
  [
    "oven/bun",
    {
      variant: "suffix",
      debian: ["debian", "slim"],
      noAlpine: {
        distroless:
          "is Google's distroless (glibc) build, with no shell; bun's Alpine tags (oven/bun:<version>-alpine) have busybox and apk",
      },
    },
  ],
  [
    "denoland/deno",
    {
      variant: "prefix",
      debian: ["debian", "ubuntu"],
      noAlpine: {
        distroless:
          "is Google's distroless (glibc) build, with no shell; deno's Alpine tags (denoland/deno:alpine-<version>) have busybox and apk",
      },
      noDistro: ["bin"],
    },
  ],
]);

export type VendorTag =
  | { kind: "alpine"; tag: string }
  | { kind: "none" }
  | { kind: "no-alpine"; why: string };

/** What a vendor image's tag becomes on Alpine (`latest` and a bare version are Debian builds). */
export function vendorAlpineTag(spec: VendorTags, tag: string): VendorTag {
  const tokens = tag === "latest" ? [] : tag.split("-");
  const lowers = tokens.map((t) => t.toLowerCase());
  if (lowers.some((t) => spec.noDistro?.includes(t))) return { kind: "none" };
  const noAlpine = lowers.find((t) => Object.hasOwn(spec.noAlpine, t));
  if (noAlpine !== undefined) return { kind: "no-alpine", why: spec.noAlpine[noAlpine]! };
  const kept = tokens.filter((_, k) => !spec.debian.includes(lowers[k]!));
  const parts = spec.variant === "suffix" ? [...kept, "alpine"] : ["alpine", ...kept];
  return { kind: "alpine", tag: parts.join("-") };
}
