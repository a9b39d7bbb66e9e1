import { describeApkAllOrNothing } from "@alpinize/testkit";
import * as vitest from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

// testkit's all-or-nothing rows, run by the musl busybox sh in a chroot, next to what alpinize
// check reads (migrate --check reads the same rows in @alpinize/dockerfile).
describeApkAllOrNothing(vitest, (runs) => {
  const text = `FROM alpine:3.24@${DIGEST}\n${runs.map((run) => `RUN ${run}`).join("\n")}\n`;
  const findings = checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
    skip: [],
    requireDigests: false,
    ignoreImages: [],
  });
  return !findings.some((f) => f.severity === "error");
});
