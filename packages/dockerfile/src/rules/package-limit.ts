import { InputError } from "@alpinize/errors";

/**
 * The most package-map decisions migrate makes for one Dockerfile: each distinct name of each
 * apt/apt-get install or remove (a name repeated inside one command is decided once). Each
 * decision is kept with its reason, its package record and, for an unknown name, its warning:
 * under a 512 MiB heap 49,999 `RUN apt-get install -y` lines of 11 distinct unknown names each
 * (549,989 decisions, 3.7 MiB) ran out of memory (a V8 abort, exit 134), and 5 a line (249,995)
 * still did in `migrate --json`, whose document then passes 200 MB; 4 a line (199,996, names of 4
 * or 13 characters) completes in migrate, migrate --json and check alike.
 */
export const MAX_PACKAGE_DECISIONS = 200_000;

/** Thrown when a Dockerfile needs more package decisions than migrate makes (`MAX_PACKAGE_DECISIONS`). */
export class TooManyPackageNamesError extends InputError {
  constructor(line: number, count: number, limit: number, fileName: string) {
    super(
      "ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES",
      `${fileName}:${line}: more than ${limit.toLocaleString("en-US")} package names in this file's apt installs and removes (each distinct name of a command counted), the command on line ${line} past the count: alpinize keeps a decision and its reason for each and does not migrate or check a file holding more (a larger one runs it out of memory)`,
      {
        hint: `Install the packages in fewer apt-get commands (a name repeated in one command counts once), or split the Dockerfile so it names at most ${limit.toLocaleString("en-US")} packages.`,
        details: { line, count, limit },
      },
    );
  }
}

/** Counts the decisions of one Dockerfile and refuses it past `limit`. */
export class PackageDecisionBudget {
  private count = 0;

  constructor(
    private readonly fileName: string,
    private readonly limit = MAX_PACKAGE_DECISIONS,
  ) {}

  /** `n` more decisions for the command on `line`; throws once the file is past the limit. */
  spend(n: number, line: number): void {
    this.count += n;
    if (this.count > this.limit)
      throw new TooManyPackageNamesError(line, this.count, this.limit, this.fileName);
  }
}
