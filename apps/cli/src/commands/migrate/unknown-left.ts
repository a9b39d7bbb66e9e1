/**
 * The unknown names of a result that stop the build: not those of a call whose failure a `||`
 * catches (`guarded`) or that an `apk add` after `||` falls back from (`fallback`), which
 * `alpinize check` warns of too and --check does not fail on.
 */
export function unknownStopping<T extends { guarded?: true; fallback?: true }>(
  list: readonly T[] | undefined,
): T[] {
  return (list ?? []).filter((p) => !p.guarded && !p.fallback);
}
