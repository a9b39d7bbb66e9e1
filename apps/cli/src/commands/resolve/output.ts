import type { ResolveOutcome } from "@alpinize/digest";
import { isAlpinizeError } from "@alpinize/errors";
import { maskReference, escapeInline as safe } from "@alpinize/image-ref";
import type { Io } from "../../io.js";
import { shown } from "./resolver-flags.js";

/** One JSON object per input: the result's fields, or `digest: null` plus `error`. */
export function outcomeToJson(outcome: ResolveOutcome): Record<string, unknown> {
  if (outcome.result) return { ...outcome.result };
  const err = outcome.error;
  return {
    // A reference that failed may be one written with credentials (never printed).
    reference: maskReference(outcome.reference),
    digest: null,
    mediaType: null,
    error: isAlpinizeError(err)
      ? err.toJSON()
      : { code: "ALPINIZE_INTERNAL", message: err?.message ?? "unknown failure" },
  };
}

/**
 * Digests on stdout (`REFERENCE DIGEST`), failures and notes on stderr; references and the
 * texts registries and daemons send are printed with control characters, newlines and tabs
 * escaped, so that a reference cannot start a line of its own (a GitHub Actions `::error::`).
 */
export function printHuman(outcomes: ResolveOutcome[], io: Io): void {
  const width = Math.min(60, Math.max(...outcomes.map((o) => shown(o.reference).length)));
  for (const outcome of outcomes) {
    const r = outcome.result;
    if (r) {
      const extra = [
        r.platform ? `${r.platform} of ${r.indexDigest ?? "a single manifest"}` : undefined,
        r.previousDigest && r.previousDigest !== r.digest ? `was ${r.previousDigest}` : undefined,
        r.via === "daemon" ? "via daemon" : undefined,
      ].filter(Boolean);
      const suffix = extra.length > 0 ? `  ${io.style.dim(`(${extra.join("; ")})`)}` : "";
      io.out(`${shown(outcome.reference).padEnd(width)}  ${r.digest}${suffix}`);
      for (const note of r.notes ?? []) io.warn(`${shown(outcome.reference)}: ${safe(note)}`);
      continue;
    }
    const err = outcome.error;
    io.err(`${io.style.red("error")} ${safe(err?.message ?? "unknown failure")}`);
    if (isAlpinizeError(err) && err.hint) io.err(`  ${safe(err.hint)}`);
  }
  printRateLimits(outcomes, io);
}

/** Registries that sent `ratelimit-*` headers: what they said, once each, on stderr. */
function printRateLimits(outcomes: ResolveOutcome[], io: Io): void {
  const seen = new Map<string, string>();
  for (const { result } of outcomes) {
    const limit = result?.rateLimit;
    if (!result || !limit) continue;
    const parts = [
      limit.remaining !== undefined ? `${limit.remaining} remaining` : undefined,
      limit.limit !== undefined ? `of ${limit.limit}` : undefined,
      limit.source !== undefined ? `for ${limit.source}` : undefined,
    ].filter(Boolean);
    seen.set(result.registry, parts.join(" "));
  }
  for (const [registry, text] of seen) {
    io.err(io.style.dim(`${registry} pull rate limit: ${safe(text)}`));
  }
}
