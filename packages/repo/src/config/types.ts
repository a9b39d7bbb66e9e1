/** What `migrate` does with a RUN that only downloads a gosu release (`@alpinize/dockerfile`'s `gosuDownload`). */
export type GosuMode = "keep" | "su-exec";
export const GOSU_MODES: readonly GosuMode[] = ["keep", "su-exec"];

/** The project settings `alpinize migrate DIR` and `alpinize check` read. */
export interface RepoConfig {
  /** Target Alpine release "X.Y"; undefined means the newest release alpinize knows. */
  alpine: string | undefined;
  packages: {
    /** Debian name → Alpine names (empty array: Alpine needs nothing). */
    overrides: Record<string, string[]>;
  };
  images: {
    /** Image names (`repo`, `repo:tag`, or a `*` glob) left alone by migrate and check. */
    ignore: string[];
  };
  migrate: {
    /** `keep` (default) leaves a gosu release download and warns; `su-exec` installs Alpine's su-exec instead. */
    gosu: GosuMode;
  };
  check: {
    /** Rule ids `alpinize check` does not report. */
    skip: string[];
    /** Unpinned base images are errors (true) or warnings (false, the default). */
    requireDigests: boolean;
  };
  /** Where the settings came from, for messages; undefined when defaults are used. */
  source: string | undefined;
}

export function defaultConfig(): RepoConfig {
  return {
    alpine: undefined,
    packages: { overrides: {} },
    images: { ignore: [] },
    migrate: { gosu: "keep" },
    check: { skip: [], requireDigests: false },
    source: undefined,
  };
}
