import type { TransformWarning } from "../transforms.js";

/** The entrypoint lint run on a piece of shell text. */
export type LintText = (text: string) => TransformWarning[];
