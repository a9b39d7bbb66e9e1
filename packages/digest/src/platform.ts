import { InputError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const ARCH_ALIASES: Record<string, Platform["architecture"]> = {
  aarch64: "arm64",
  x86_64: "amd64",
  "x86-64": "amd64",
  i386: "386",
  armhf: "arm",
  armel: "arm",
};

/** Parses `os/arch[/variant]` (as in `--platform linux/arm64/v8`). */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().toLowerCase().split("/");
  const [os, architecture, variant] = parts;
  if (
    parts.length < 2 ||
    parts.length > 3 ||
    !os ||
    !architecture ||
    parts.some((p) => !/^[a-z0-9._-]+$/.test(p))
  ) {
    throw new InputError(
      "ALPINIZE_DIGEST_PLATFORM_INVALID",
      `invalid platform "${escapeInline(text)}": expected os/arch[/variant]`,
      {
        hint: "Write it as os/arch[/variant], e.g. linux/amd64 or linux/arm64/v8.",
        details: { platform: text },
      },
    );
  }
  return normalizePlatform({ os, architecture, ...(variant ? { variant } : {}) });
}

/** containerd's normalisation: arm64 means arm64/v8, arm means arm/v7, amd64/v1 is amd64. */
export function normalizePlatform(p: Platform): Platform {
  const architecture = ARCH_ALIASES[p.architecture.toLowerCase()] ?? p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase();
  if (variant && /^\d+$/.test(variant)) variant = `v${variant}`;
  if (architecture === "arm64" && (variant === undefined || variant === "")) variant = "v8";
  if (architecture === "arm" && (variant === undefined || variant === "")) {
    variant = p.architecture.toLowerCase() === "armel" ? "v6" : "v7";
  }
  if (architecture === "amd64" && variant === "v1") variant = undefined;
  return {
    os: p.os.toLowerCase(),
    architecture,
    ...(variant ? { variant } : {}),
  };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}

/** Attestation manifests (buildx provenance/SBOM) sit in indexes as `unknown/unknown`. */
export function isAttestationPlatform(p: Platform | undefined): boolean {
  return p?.os === "unknown" && p.architecture === "unknown";
}

/**
 * Index of the entry that serves `want`: an exact match first; when `want` names no variant,
 * any variant of the same os/arch.
 */
export function pickPlatform(want: Platform, entries: (Platform | undefined)[]): number {
  const target = normalizePlatform(want);
  const normalized = entries.map((e) =>
    e && !isAttestationPlatform(e) ? normalizePlatform(e) : undefined,
  );
  const same = (e: Platform | undefined) =>
    e !== undefined && e.os === target.os && e.architecture === target.architecture;
  const exact = normalized.findIndex((e) => same(e) && e!.variant === target.variant);
  if (exact !== -1 || want.variant !== undefined) return exact;
  return normalized.findIndex(same);
}
