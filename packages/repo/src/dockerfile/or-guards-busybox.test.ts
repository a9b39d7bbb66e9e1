import { describeOrGuards, describeShellGuards, describeStageGuards } from "@alpinize/testkit";
import * as vitest from "vitest";
import { scanCommands } from "./commands.js";
import { describeStages } from "./stages.js";

// The `||` guards of testkit's table, run by the musl busybox sh in a chroot, next to what
// alpinize check reads (migrate --check reads the same table in @alpinize/dockerfile).

const guarded = (run: string) => scanCommands(run).find((c) => c.name === "useradd")?.guarded;

describeOrGuards(vitest, (run) => guarded(run) === true);

// Under a SHELL instruction: the RUN's commands as check reads a Dockerfile.
describeShellGuards(vitest, (shell, run) => {
  const text = `FROM alpine:3.23\nSHELL ${JSON.stringify(shell)}\nRUN ${run}\n`;
  const run0 = describeStages(text, "Dockerfile")[0]!.runs[0]!;
  return run0.commands.find((c) => c.name === "useradd")?.guarded === true;
});

// A Dockerfile of stages: the RUN on `line`, with what its own stage and those it builds on set.
describeStageGuards(vitest, (text, line) => {
  const runs = describeStages(text, "Dockerfile").flatMap((s) => s.runs);
  const run = runs.find((r) => r.line === line)!;
  return run.commands.find((c) => c.name === "useradd")?.guarded === true;
});
