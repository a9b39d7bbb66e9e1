import { invalid, shownValue } from "./check.js";

/**
 * What Trivy writes in ArtifactType (its artifact types, stable since SchemaVersion 2). Anything
 * else is not a Trivy report as written: the gate cannot tell whether an OS should have been
 * scanned, so it refuses the input rather than guess (a gate fails closed).
 */
export const ARTIFACT_TYPES = [
  "container_image",
  "filesystem",
  "repository",
  "cyclonedx",
  "spdx",
  "aws_account",
  "vm",
] as const;

export function knownArtifactType(source: string, type: string): string {
  if ((ARTIFACT_TYPES as readonly string[]).includes(type)) return type;
  throw invalid(
    source,
    "ArtifactType",
    `unknown artifact type ${shownValue(type)} (Trivy writes one of ${ARTIFACT_TYPES.join(", ")})`,
  );
}
