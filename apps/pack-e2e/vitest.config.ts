import { defineConfig } from "vitest/config";

// Packing and a real `npm install` take tens of seconds; the files share nothing, so they may
// run in parallel, but each keeps its own temp folder.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
