import { defineConfig } from "vitest/config";

// Many CLI tests start the built CLI as a child process (as another user, through a pipe, on
// 4,000-line files); on a loaded CI machine one can take several seconds, near the 5 s default.
export default defineConfig({
  test: { testTimeout: 60_000 },
});
