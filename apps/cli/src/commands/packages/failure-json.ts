import type { AlpinizeError } from "@alpinize/errors";
import { errorJson } from "../../json-errors.js";

/**
 * A decision-shaped entry for a run that stopped on an error (no name, an invalid name, an
 * unknown release): kind "error", never a kind a mapped name can have.
 */
function errorDecision(err: AlpinizeError) {
  return {
    debian: null,
    alpine: [],
    kind: "error",
    reason: err.message,
    layer: "error",
    error: errorJson(err),
  };
}

/**
 * The --json document of an error, in the shape the subcommand prints on success: map's array,
 * explain's object; without a known subcommand, just {error}.
 */
export function failureJson(sub: string | undefined, err: AlpinizeError): unknown {
  if (sub === "map") return [errorDecision(err)];
  if (sub === "explain")
    return { release: null, decision: errorDecision(err), steps: [], error: errorJson(err) };
  return { error: errorJson(err) };
}
