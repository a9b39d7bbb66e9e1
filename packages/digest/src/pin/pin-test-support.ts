import type { ResolveOutcome } from "../resolve-many.js";

/**
 * A resolver for pin tests that answers every reference with `digest` from reg.lan/team/app:1.0,
 * so a test reads what pin wrote without a registry.
 */
export function resolveAllTo(digest: string) {
  return async (refs: string[]): Promise<ResolveOutcome[]> =>
    refs.map((reference) => ({
      reference,
      result: {
        reference,
        canonical: reference,
        registry: "reg.lan",
        repository: "team/app",
        tag: "1.0",
        digest,
        mediaType: "application/vnd.oci.image.index.v1+json",
        via: "registry",
      },
    }));
}
