import { followsWithin } from "@alpinize/dockerfile";
import type { ShellCommand } from "../dockerfile/commands.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import type { RuleId } from "./types.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: "error" | "warning") => void;

export function checkApk(
  stage: StageInfo,
  run: RunStep,
  cmd: ShellCommand,
  line: number,
  emit: Emit,
): void {
  const verb = cmd.args.find((a) => !a.startsWith("-"));
  // `--mount=\S*target=…`, without a scan to the word's end from each --mount= of a long one.
  const cached = followsWithin(
    run.flags,
    /--mount=/,
    /target=\/(?:var\/cache\/apk|etc\/apk\/cache)/,
    /\s/,
  );
  // `--no-network` installs from what is already there (the docker-library so: deps pattern): no index to keep.
  if (cached || cmd.args.includes("--no-network")) return;
  if (verb === "update") {
    emit(
      line,
      "apk-no-cache",
      `apk update leaves the index in the image (stage ${stage.name}): drop it and use apk add --no-cache`,
    );
  } else if ((verb === "add" || verb === "upgrade") && !cmd.args.includes("--no-cache")) {
    emit(
      line,
      "apk-no-cache",
      `${cmd.name} ${verb} without --no-cache in stage ${stage.name}: add --no-cache so the index does not stay in the layer`,
    );
  }
}
