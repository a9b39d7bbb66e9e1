import { defineConfig } from "vitest/config";

// The chroot and container tests run real tools (debootstrap roots, dockerd); under a loaded CI
// machine one test can take several seconds, far from the 5 s default.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 240_000 },
});
