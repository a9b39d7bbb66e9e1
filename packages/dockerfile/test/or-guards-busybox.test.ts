import { describeOrGuards, describeShellGuards, describeStageGuards } from "@alpinize/testkit";
import * as vitest from "vitest";
import { analyzeStages, lineFinder, parseDockerfile } from "../src/index.js";
import { debianToolsLeftIn } from "../src/rules/tools-left.js";

// The `||` guards of testkit's table, run by the musl busybox sh in a chroot, next to what
// migrate --check reads (alpinize check reads the same table in @alpinize/repo).

/** Whether migrate --check counts the call as guarded (no Debian tool left), under `shell`. */
function guarded(run: string, shell?: readonly string[]): boolean {
  const head = shell ? `SHELL ${JSON.stringify(shell)}\n` : "";
  const doc = parseDockerfile(`FROM alpine:3.23\n${head}RUN ${run}\n`);
  const lineOf = lineFinder(doc.lineStarts);
  const line = shell ? 3 : 2;
  const left = debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true).filter(
    (t) => !t.accepted && lineOf(t.offset) === line,
  );
  return left.length === 0;
}

describeOrGuards(vitest, (run) => guarded(run));
describeShellGuards(vitest, (shell, run) => guarded(run, shell));

/** Whether migrate --check counts the call on line `line` of a Dockerfile of stages as guarded. */
function guardedIn(text: string, line: number): boolean {
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  const left = debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true).filter(
    (t) => !t.accepted && lineOf(t.offset) === line,
  );
  return left.length === 0;
}

describeStageGuards(vitest, guardedIn);
