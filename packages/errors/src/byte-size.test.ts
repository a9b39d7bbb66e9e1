import { describe, expect, it } from "vitest";
import { formatBytes } from "./index.js";

describe("formatBytes: the size limits messages print", () => {
  it.each([
    [1, "1 byte"],
    [900, "900 bytes"],
    [1024, "1 KiB"],
    [64 * 1024, "64 KiB"],
    [256 * 1024, "256 KiB"],
    [1024 * 1024, "1 MiB"],
    [4 * 1024 * 1024, "4 MiB"],
    [1.5 * 1024 * 1024, "1.5 MiB"],
    [512 * 1024 ** 2, "512 MiB"],
    [1024 ** 3, "1 GiB"],
  ])("%d → %s", (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
