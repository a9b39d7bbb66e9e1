import type { ScriptRole } from "./stage-read.js";

/** A script in the repository that a Dockerfile copies into its image. */
export interface ScriptReference {
  /** POSIX path relative to the repository root. */
  path: string;
  role: ScriptRole;
  dockerfile: string;
  /** Line of the COPY that brings it in. */
  line: number;
  /** Where it lands in the image. */
  destination: string;
  /** Indexes of the stages that use it in `role` (COPY it there, and for entrypoint/cmd run it). */
  stages: number[];
}
