import { defineConfig } from "tsup";
import { baseConfig } from "../../tsup.base.ts";

// One entry; every command is a dynamic import, so it becomes its own chunk and loads lazily.
export default defineConfig({
  ...baseConfig,
  entry: ["src/bin.ts"],
  dts: false,
  banner: { js: "#!/usr/bin/env node" },
});
