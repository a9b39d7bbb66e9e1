import { describe, expect, it, vi } from "vitest";
import { migrateDockerfile } from "../migrate/migrate.js";

// Five decisions a file, so a few lines show where the count stops (the real one is 200,000).
vi.mock("./package-limit.js", async (original) => ({
  ...(await original<typeof import("./package-limit.js")>()),
  MAX_PACKAGE_DECISIONS: 5,
}));

describe("a Dockerfile naming more packages than migrate decides", () => {
  const lines = [
    "FROM debian:12",
    // curl twice in one command is one decision: 2, then 2 more.
    "RUN apt-get install -y curl curl git && apt-get install -y vim jq",
  ];

  it("counts each distinct name of each apt command and passes up to the limit", () => {
    const result = migrateDockerfile(`${lines.join("\n")}\nRUN apt-get purge -y jq\n`);
    expect(result.packages.map((p) => p.debian)).toEqual([
      "curl",
      "curl",
      "git",
      "vim",
      "jq",
      "jq",
    ]);
  });

  it("refuses past the limit with exit 2, naming the command past the count", () => {
    const text = `${lines.join("\n")}\nRUN apt-get install -y make less\n`;
    expect(() => migrateDockerfile(text, { fileName: "big.Dockerfile" })).toThrow(
      expect.objectContaining({
        code: "ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES",
        exitCode: 2,
        details: { line: 3, count: 6, limit: 5 },
        message: expect.stringContaining("big.Dockerfile:3: more than 5 package names"),
      }),
    );
  });
});
