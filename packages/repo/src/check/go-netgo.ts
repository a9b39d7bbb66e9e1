import { chainFact } from "../dockerfile/chain-fact.js";
import { baseName, type ShellCommand } from "../dockerfile/commands.js";
import type { RunStep, StageInfo } from "../dockerfile/stages.js";
import { instructionWords } from "../dockerfile/words.js";

/**
 * The `netgo` build tag makes Go's net package use its own resolver whatever cgo does (Go's
 * src/net/conf.go), so a binary built with it never asks musl's. Go reads the tags of the last
 * `-tags` flag: one on the command line wins over GOFLAGS.
 */
export function buildsWithNetgo(
  stage: StageInfo,
  stages: readonly StageInfo[],
  run: RunStep,
  cmd: ShellCommand,
): boolean {
  const tags = tagsFlag(cmd.args) ?? tagsFlag(goflagsOf(run, cmd)) ?? stageTags(stage, stages);
  return hasNetgo(tags);
}

/** GOFLAGS in ENV or ARG gives every go build of the stage (and stages built on it) netgo. */
export function stageNetgo(stage: StageInfo, stages: readonly StageInfo[]): boolean {
  return hasNetgo(stageTags(stage, stages));
}

/** Go splits a -tags value at commas (and, in the form before Go 1.13, at spaces). */
function hasNetgo(tags: string | undefined): boolean {
  return tags?.split(/[,\s]+/).includes("netgo") === true;
}

/** The value of the last `-tags`/`--tags` flag among the words, `-tags=a,b` or `-tags 'a b'`. */
function tagsFlag(words: readonly string[]): string | undefined {
  let tags: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "--") break;
    const eq = /^--?tags=(.*)$/s.exec(w);
    if (eq) tags = eq[1];
    else if (w === "-tags" || w === "--tags") tags = words[++i];
  }
  return tags;
}

/** GOFLAGS set on the go command or exported earlier in the RUN, split into its flags. */
function goflagsOf(run: RunStep, cmd: ShellCommand): string[] {
  const own = cmd.assignments.findLast((a) => a.startsWith("GOFLAGS="));
  const exported = run.commands
    .filter((c) => c.offset < cmd.offset && ["export", "env"].includes(baseName(c.name)))
    .flatMap((c) => c.args)
    .findLast((a) => a.startsWith("GOFLAGS="));
  const value = (own ?? exported)?.slice("GOFLAGS=".length);
  return value === undefined ? [] : value.split(/\s+/);
}

/** The tags GOFLAGS gives in the stage's ENV or ARG, or in the stage it builds on. */
const stageTags = chainFact<string | undefined>((stage, parent) => {
  const arg = stage.body
    .filter((ins) => ins.keyword === "ARG")
    .flatMap((ins) => instructionWords(ins.args.text))
    .findLast((w) => w.startsWith("GOFLAGS="));
  const value = stage.env.get("GOFLAGS")?.value ?? arg?.slice("GOFLAGS=".length);
  return value === undefined ? parent : tagsFlag(value.split(/\s+/));
});
