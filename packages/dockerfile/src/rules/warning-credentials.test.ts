import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../migrate/migrate.js";

const PASSWORD = "s3cr3t-Pa55";

/** Everything --json prints of a migration but the file's own text and its edits. */
const printed = (text: string) => {
  const { output: _output, edits: _edits, ...rest } = migrateDockerfile(text, { release: "3.24" });
  return rest;
};

describe("warnings that quote a URL with credentials", () => {
  it("glibc: names the URL with user:password@ masked, also when the cut falls in the password", () => {
    // The message keeps 77 characters of the URL: cut first, the password's start stayed, its @ not.
    const long = "x".repeat(70);
    const r = printed(
      `FROM debian:12\nRUN curl -fsSLO https://carol:${PASSWORD}${long}@example.com/${long}/tool-x86_64-linux-gnu.tar.gz\n`,
    );
    const glibc = r.warnings.filter((w) => w.rule === "glibc");
    expect(glibc).toHaveLength(1);
    expect(glibc[0]!.message).toMatch(
      /^https:\/\/\*\*\*@example\.com\/x+\.\.\. looks like a glibc build/,
    );
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
  });

  it("any rule: the message has each user:password@ masked (apt-get install of a .deb URL)", () => {
    const r = printed(
      `FROM debian:12\nRUN apt-get update && apt-get install -y https://dan:${PASSWORD}@example.com/y.deb\n`,
    );
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining("(https://***@example.com/y.deb) left as is"),
    );
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
  });
});
