import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each validator call starts Renovate (~1 s); the end-to-end test sets its own, longer timeout.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
