import { MAX_PACKAGE_DECISIONS } from "@alpinize/dockerfile";
import type { FilePlan, SkippedFile } from "./types.js";

/** The code of a Dockerfile refused because the run's package decisions passed the limit. */
export const TOO_MANY_PACKAGE_NAMES = "ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES";

/**
 * Sums the package decisions of the Dockerfiles a `migrate DIR` run keeps. The per-file limit
 * (`MAX_PACKAGE_DECISIONS`) bounds one file, but the run keeps every file's plan until it prints:
 * three files just under the limit ran a 512 MiB heap out of memory (a V8 abort, exit 134).
 */
export class RunDecisionSum {
  private count = 0;
  private passedAt: string | undefined;

  constructor(private readonly limit = MAX_PACKAGE_DECISIONS) {}

  /** Whether the sum already passed the limit: no later Dockerfile is planned. */
  get passed(): boolean {
    return this.passedAt !== undefined;
  }

  /** Adds the file's decisions; the refusal to list in its place when the sum passes the limit. */
  add(plan: FilePlan): SkippedFile | undefined {
    this.count += plan.result?.packages.length ?? 0;
    if (this.count <= this.limit) return undefined;
    this.passedAt = plan.file;
    const limit = this.limit.toLocaleString("en-US");
    return {
      file: plan.file,
      message: `${plan.file}: more than ${limit} package names in the apt installs and removes of the Dockerfiles of this run (each distinct name of a command counted), passed with this file: alpinize keeps a decision and its reason for each until the run ends, and does not migrate this file or any after it (more runs it out of memory)`,
      code: TOO_MANY_PACKAGE_NAMES,
      hint: `Migrate the folders one at a time (alpinize migrate DIR/sub), each naming at most ${limit} packages.`,
    };
  }

  /** What a Dockerfile after the one that passed the limit is listed with. */
  notPlanned(file: string): SkippedFile {
    return {
      file,
      // Not named by its root-relative path: the CLI shows paths from the working directory.
      message: `${file}: not migrated: the Dockerfiles planned before it passed ${this.limit.toLocaleString("en-US")} package names (the first one refused says which)`,
      code: TOO_MANY_PACKAGE_NAMES,
      hint: "Migrate the folders one at a time (alpinize migrate DIR/sub).",
    };
  }
}
