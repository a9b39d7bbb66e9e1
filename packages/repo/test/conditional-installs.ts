import {
  analyzeStages,
  debianToolsLeftIn,
  lineFinder,
  parseDockerfile,
} from "@alpinize/dockerfile";
import { checkStages } from "../src/check/dockerfile-rules.js";
import { describeStages } from "../src/dockerfile/stages.js";
import { checkDefault } from "./run-defaults.js";
import { scratchRepo } from "./scratch-repo.js";

// What the conditional-installs tests share: Dockerfiles on Alpine with an install that may or
// may not run, and what `alpinize check` and migrate's debianToolsLeft read in them.

/** The Dockerfile rules' settings of a default `alpinize check`. */
const SETTINGS = { skip: [], requireDigests: false, ignoreImages: [] };

/** The shadow install the cases make conditional. */
export const ADD = "apk add --no-cache shadow";

/** A Dockerfile of one `alpine:3.23` stage named base, then `lines`. */
export const file = (...lines: string[]) =>
  `${["FROM alpine:3.23 AS base", ...lines].join("\n")}\n`;

/** The same on an official image's `-alpine` tag, built FROM alpine with its busybox. */
export const on = (image: string, ...lines: string[]) =>
  `${[`FROM ${image} AS base`, ...lines].join("\n")}\n`;

/** What the Dockerfile rules of `alpinize check` find in `text`. */
export function stageFindings(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), SETTINGS);
}

/** The lines of the findings of `rules` in `text`, of any severity. */
export function ruleLines(text: string, ...rules: string[]): number[] {
  return stageFindings(text)
    .filter((f) => rules.includes(f.rule))
    .map((f) => f.line);
}

/**
 * The lines of the Debian tools left in the file as written (its stages are all on Alpine), as
 * migrate's debianToolsLeft reads its output: migrate itself rewrites a useradd or dpkg call apk
 * has not installed shadow or dpkg for, so its own output has none of these left.
 */
export function leftAsWritten(text: string): number[] {
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  // As migrate reads it: a call whose failure a `||` catches fails no build, and an `apk add`
  // naming a package 3.23 lacks installs nothing.
  const model = analyzeStages(doc);
  return debianToolsLeftIn(doc, model.stages, () => true, {
    target: "3.23",
    globalArgs: model.globalArgs,
  })
    .filter((t) => !t.accepted)
    .map((t) => lineOf(t.offset));
}

const TOOL_RULES = new Set(["shadow-user-commands", "apt-in-alpine"]);

/** The lines `alpinize check` fails on for a Debian tool apk has not installed when it runs. */
export function checkLines(text: string): number[] {
  return stageFindings(text)
    .filter((f) => TOOL_RULES.has(f.rule) && f.severity === "error")
    .map((f) => f.line);
}

/** The lines the full `alpinize check` (its entrypoint lint judges every tool) fails busybox-option on. */
export async function checkedOptionLines(text: string): Promise<number[]> {
  const repo = await scratchRepo({ Dockerfile: text });
  try {
    const result = await checkDefault(repo.root);
    return result.findings.filter((f) => f.rule === "busybox-option").map((f) => f.line);
  } finally {
    await repo.remove();
  }
}
