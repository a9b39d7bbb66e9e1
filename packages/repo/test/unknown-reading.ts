import { checkStages } from "../src/check/dockerfile-rules.js";
import { describeStages } from "../src/dockerfile/stages.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

/**
 * For tests: what alpinize check makes of each name an Alpine 3.24 stage's `RUN run` asks apk for
 * that the release lacks: `stops` (an error) or `goes-on` (a warning).
 */
export function checkReading(run: string): Record<string, "stops" | "goes-on"> {
  const text = `FROM alpine:3.24@${DIGEST}\nRUN ${run}\n`;
  const got: Record<string, "stops" | "goes-on"> = {};
  for (const f of checkStages("Dockerfile", describeStages(text, "Dockerfile"), {
    skip: [],
    requireDigests: false,
    ignoreImages: [],
  }))
    if (f.rule === "apk-unknown-package")
      for (const name of (f.message.split(/ (?:is|are) not in /)[0] ?? "").split(", "))
        got[name] = f.severity === "error" ? "stops" : "goes-on";
  return got;
}
