import type { Options } from "tsup";

/** One bundler config every package spreads, so a later switch stays a one-file change. */
export const baseConfig: Options = {
  format: ["esm"],
  target: "node22",
  platform: "node",
  dts: true,
  // No source maps: they would point at src/ files the published tarballs do not ship.
  sourcemap: false,
  clean: true,
  splitting: true,
  treeshake: true,
};
