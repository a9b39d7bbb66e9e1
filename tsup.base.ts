import type { Options } from "tsup";

/** One bundler config every package spreads, so a later switch stays a one-file change. */
export const baseConfig: Options = {
  format: ["esm"],
  target: "node22",
  platform: "node",
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
};
