import { imageName } from "../dockerfile/images.js";
import { rootStage } from "../dockerfile/stage-scope.js";
import type { StageInfo } from "../dockerfile/stages.js";
import { apkInstalls } from "./apk-history.js";
import type { Finding } from "./types.js";

/** A script an Alpine stage runs as ENTRYPOINT or CMD, with the COPY that brings it in. */
export interface ScriptUse {
  path: string;
  /** The Dockerfile as shown in findings, and the line of the COPY. */
  dockerfile: string;
  line: number;
  /** The Alpine stages that run it (not in images.ignore). */
  runners: StageInfo[];
  stages: StageInfo[];
}

/**
 * `#!/bin/bash` in a script an Alpine image runs: Alpine has no bash unless the image installs it
 * (`apk add bash`) or is built on an image that ships it (the official `bash` image), and the
 * container then fails to start with "not found". Reported on the COPY line of the Dockerfile,
 * where the fix goes.
 */
export function checkShebang(text: string, script: string, use: ScriptUse): Finding[] {
  const shell = shebangShell(text);
  if (shell !== "bash") return [];
  const findings: Finding[] = [];
  for (const stage of use.runners) {
    if (apkInstalls(stage, use.stages).has("bash")) continue;
    const root = rootStage(stage, use.stages);
    if (shipsBash(root.image)) continue;
    findings.push({
      file: use.dockerfile,
      line: use.line,
      rule: "bash-missing",
      severity: "error",
      message: `${script} starts with #!${firstLine(text).slice(2).trim()} but Alpine stage ${stage.name} (${root.image}) installs no bash, so the container fails to start ("not found"): add bash to an apk add --no-cache in the stage, or make the script POSIX sh (#!/bin/sh)`,
    });
  }
  return findings;
}

/**
 * Official images whose -alpine tags install bash for their own bash entrypoint (docker-library
 * postgres, rabbitmq, redmine, wordpress, ghost), and the bash image itself.
 */
const SHIPS_BASH = new Set(["bash", "postgres", "rabbitmq", "redmine", "wordpress", "ghost"]);

function shipsBash(image: string): boolean {
  return SHIPS_BASH.has(officialName(imageName(image) ?? ""));
}

function officialName(name: string): string {
  return name.replace(/^(?:docker\.io\/)?(?:library\/)?/, "");
}

/**
 * Whether the image the stage is built on has bash: true for those in SHIPS_BASH, false for the
 * other official images (alpine, node:alpine, python:alpine), undefined for any other image.
 */
export function rootImageShipsBash(
  stage: StageInfo,
  stages: readonly StageInfo[],
): boolean | undefined {
  const name = officialName(imageName(rootStage(stage, stages).image) ?? "");
  if (SHIPS_BASH.has(name)) return true;
  return name.includes("/") || name === "" ? undefined : false;
}

/** `bash` for `#!/bin/bash`, `#!/usr/bin/env bash`, `#!/usr/bin/env -S bash -e`. */
export function shebangShell(text: string): string | undefined {
  const line = firstLine(text);
  if (!line.startsWith("#!")) return undefined;
  const words = line.slice(2).trim().split(/\s+/);
  const program = words[0]?.slice(words[0].lastIndexOf("/") + 1);
  if (program !== "env") return program;
  return words.slice(1).find((w) => !w.startsWith("-") && !w.includes("="));
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}
