import { describeOrGuards } from "@alpinize/testkit";
import * as vitest from "vitest";
import { analyzeStages, lineFinder, parseDockerfile } from "../src/index.js";
import { debianToolsLeftIn } from "../src/rules/tools-left.js";

// The `||` guards of testkit's table, run by the musl busybox sh in a chroot, next to what
// migrate --check reads (alpinize check reads the same table in @alpinize/repo).

/** Whether migrate --check counts the call as guarded (no Debian tool left). */
function guarded(run: string): boolean {
  const doc = parseDockerfile(`FROM alpine:3.23\nRUN ${run}\n`);
  const lineOf = lineFinder(doc.lineStarts);
  const left = debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true).filter(
    (t) => !t.accepted && lineOf(t.offset) === 2,
  );
  return left.length === 0;
}

describeOrGuards(vitest, guarded);
