import { setupScriptAdvice, setupScriptRuns } from "@alpinize/dockerfile";
import type { PlacedCommand } from "./apk-history.js";

/** A RUN command that runs a vendor's setup script, and what to say about it. */
export interface SetupFinding {
  placed: PlacedCommand;
  message: string;
}

/**
 * The commands of a RUN in an Alpine stage that run a vendor's setup script (nodesource's
 * setup_20.x, Docker's get.docker.com…), piped into a shell or saved to a file and run: the same
 * reading migrate uses (setupScriptRuns), reported on the line of the command that runs it.
 */
export function vendorSetupFindings(
  placed: readonly PlacedCommand[],
  stageName: string,
): SetupFinding[] {
  const runs = setupScriptRuns(placed.map((p) => p.cmd));
  return runs.map((run) => {
    const advice = setupScriptAdvice(run.url);
    return {
      placed: placed[run.run]!,
      message: `this RUN runs ${advice.what} in Alpine stage ${stageName}: ${advice.why}, so the build fails here; ${advice.instead}, and delete the step`,
    };
  });
}
