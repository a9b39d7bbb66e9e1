import { defineConfig } from "vitest/config";

// Some tests run real tools or large inputs; on a loaded CI machine one can take several seconds,
// near vitest's 5 s default, so a timeout there would be load, not a bug. Hangs still fail.
export default defineConfig({
  test: { testTimeout: 60_000 },
});
