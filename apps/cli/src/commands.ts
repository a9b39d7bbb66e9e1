import type { Io } from "./io.js";

/** What every command folder's index.ts exports. */
export interface CommandModule {
  /** Full `--help` text. */
  help: string;
  /** Runs the command and returns its exit code; throws AlpinizeError for bad input. */
  run(argv: string[], io: Io): Promise<number>;
}

export interface CommandEntry {
  summary: string;
  load: () => Promise<CommandModule>;
}

/** The command table. Each module is imported only when its command runs, to keep start-up fast. */
export const COMMANDS: Record<string, CommandEntry> = {
  migrate: {
    summary: "Rewrite Debian/Ubuntu Dockerfiles (or a whole repository) for Alpine",
    load: () => import("./commands/migrate/index.js"),
  },
  check: {
    summary: "Lint migrated files for Alpine; for CI",
    load: () => import("./commands/check/index.js"),
  },
  packages: {
    summary: "Map Debian package names to Alpine packages (map, explain)",
    load: () => import("./commands/packages/index.js"),
  },
  resolve: {
    summary: "Resolve image references to digests",
    load: () => import("./commands/resolve/index.js"),
  },
  pin: {
    summary: "Pin image references in Dockerfiles, compose files and workflows by digest",
    load: () => import("./commands/pin/index.js"),
  },
  entrypoint: {
    summary: "Rewrite an entrypoint script's user/group handling and lint it for busybox",
    load: () => import("./commands/entrypoint/index.js"),
  },
  shims: {
    summary: "Print the POSIX sh user/group shim library",
    load: () => import("./commands/shims/index.js"),
  },
  gate: {
    summary: "Gate a Trivy JSON report: pass, block and explain",
    load: () => import("./commands/gate/index.js"),
  },
};
