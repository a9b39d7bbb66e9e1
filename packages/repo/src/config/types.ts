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
    check: { skip: [], requireDigests: false },
    source: undefined,
  };
}
