import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const PHOENIX = [
  "FROM elixir:1.17-otp-27 AS build",
  "RUN apt-get update -y && apt-get install -y build-essential git curl \\",
  "    && curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \\",
  "    && apt-get install -y nodejs \\",
  "    && apt-get clean && rm -f /var/lib/apt/lists/*_*",
  "",
].join("\n");

describe("a vendor setup script left on an Alpine stage is a Debian tool left (rule 11)", () => {
  it("curl …/setup_20.x | bash - stays, is counted in debianToolsLeft and warned at as failing", () => {
    const r = migrate(PHOENIX);
    expect(r.output).toContain("curl -fsSL https://deb.nodesource.com/setup_20.x | bash -");
    expect(r.debianToolsLeft).toEqual([
      expect.objectContaining({ tool: "a vendor's apt repository setup script", line: 3 }),
    ]);
    const said = r.warnings.filter((w) => w.rule === "apt" && w.line === 3).map((w) => w.message);
    expect(said).toEqual([
      expect.stringMatching(
        /^this RUN runs a vendor's apt repository setup script on Alpine, so it fails here \(it adds an apt source and runs apt-get.*migrate --check fails until/,
      ),
    ]);
  });

  it("the same for a script saved and run, and for Docker's convenience script", () => {
    for (const [run, tool] of [
      [
        "RUN wget -O /tmp/s.sh https://deb.nodesource.com/setup_20.x && sh /tmp/s.sh",
        "a vendor's apt repository setup script",
      ],
      [
        "RUN curl -fsSL https://get.docker.com | sh",
        "Docker's convenience script (get.docker.com)",
      ],
    ] as const) {
      const r = migrate(
        `FROM debian:12\nRUN apt-get update && apt-get install -y curl wget\n${run}\n`,
      );
      expect(r.debianToolsLeft.map((t) => t.tool)).toEqual([tool]);
    }
  });

  it("a script only downloaded, or a run whose failure || catches, is not counted", () => {
    for (const run of [
      "RUN curl -fsSL -o /tmp/setup.sh https://deb.nodesource.com/setup_20.x",
      "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - || true",
    ]) {
      const r = migrate(`FROM debian:12\nRUN apt-get update && apt-get install -y curl\n${run}\n`);
      expect(r.debianToolsLeft).toEqual([]);
    }
  });

  it("a stage that stays on Debian is not counted", () => {
    const r = migrate(
      "FROM example/private:1\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -\n",
    );
    expect(r.debianToolsLeft).toEqual([]);
  });
});
