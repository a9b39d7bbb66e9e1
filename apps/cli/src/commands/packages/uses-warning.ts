import { escapeInline } from "@alpinize/image-ref";
import type { PackageDecision, PackageMap } from "@alpinize/package-map";
import type { Io } from "../../io.js";

/** A decision as printed: with a `warning` when --uses named only commands the package lacks. */
export type ShownDecision = PackageDecision & { warning?: string };

/**
 * `packages map libcap2-bin --uses nonexistentcmd` answered the whole package in silence: a
 * package whose parts --uses picks between (more than one known command) but ships none of the
 * commands named gets a warning, since the answer was not narrowed. Exit codes are unchanged.
 */
export function withUsesWarning(
  decision: PackageDecision,
  map: PackageMap,
  commands: readonly string[] | undefined,
): ShownDecision {
  if (!commands || decision.kind === "unknown") return decision;
  const ships = map.commandsOf(decision.debian);
  if (ships.length < 2 || commands.some((c) => ships.includes(c))) return decision;
  const cut = (c: string) => (c.length > 40 ? `${c.slice(0, 40)}…` : c);
  const named = commands.slice(0, 5).map(cut).join(", ") + (commands.length > 5 ? ", …" : "");
  const warning = `--uses ${named}: no part of ${decision.debian} ships ${commands.length > 1 ? "any of them" : "it"} (it has ${ships.join(", ")}), so the answer is not narrowed`;
  return { ...decision, warning: escapeInline(warning) };
}

/** The warnings on stderr, one line each with the command's prefix (also under --json). */
export function printUsesWarnings(decisions: readonly ShownDecision[], command: string, io: Io) {
  for (const d of decisions) if (d.warning) io.warn(`alpinize ${command}: ${d.warning}`);
}
