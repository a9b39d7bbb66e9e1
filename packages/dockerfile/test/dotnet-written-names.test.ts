import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../src/index.js";

describe("migrate's check of the names it writes", () => {
  it("does not call the .NET names it writes missing (the index keeps them with .0)", () => {
    const text =
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y aspnetcore-runtime-8.0 dotnet-hostfxr-8.0\n";
    const result = migrateDockerfile(text, { release: "3.24" });
    expect(result.output).toContain("apk add --no-cache aspnetcore8-runtime dotnet8-hostfxr");
    expect(
      result.warnings.map((w) => w.message).filter((m) => m.includes("is not in Alpine")),
    ).toEqual([]);
    expect(result.unknownPackages).toEqual([]);
  });
});
