import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const base = "FROM debian:12\nRUN apt-get update && apt-get install -y curl wget\n";
const repoNotes = (text: string) =>
  migrate(`${base}${text}`)
    .warnings.filter((w) => w.rule === "apt-repos")
    .map((w) => `${w.line}: ${w.message}`);

describe("vendor setup scripts (rule 11)", () => {
  it("flags Docker's convenience script, with Alpine's docker packages as the way", () => {
    for (const run of [
      "RUN curl -fsSL https://get.docker.com | sh\n",
      "RUN curl -fsSL https://get.docker.com -o get-docker.sh && sh get-docker.sh\n",
      "RUN wget -qO- https://test.docker.com | sh\n",
    ]) {
      const notes = repoNotes(run);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/^3: Docker's convenience script \((?:get|test)\.docker\.com\)/);
      expect(notes[0]).toMatch(/Unsupported distribution 'alpine'.*apk add docker-cli/);
    }
  });

  it("flags a setup script fetched by wget into a file", () => {
    const notes = repoNotes(
      "RUN wget -O /tmp/s.sh https://deb.nodesource.com/setup_20.x; sh /tmp/s.sh\n",
    );
    expect(notes).toEqual([expect.stringMatching(/^3: third-party apt repository setup/)]);
  });

  it("adds no bash for a setup script saved to a file and run by bash", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN curl -fsSL https://deb.nodesource.com/setup_lts.x -o /tmp/s.sh && bash /tmp/s.sh\n",
    );
    // The step kept (apt-repos), and that it fails there, so --check fails (apt).
    expect(r.warnings.map((w) => w.rule)).toEqual(["apt-repos", "apt"]);
    expect(r.output).not.toMatch(/apk add[^\n]* bash/);
  });

  it("leaves the rootless script and other installers alone", () => {
    expect(repoNotes("RUN curl -fsSL https://get.docker.com/rootless | sh\n")).toEqual([]);
    expect(repoNotes("RUN curl -fsSL https://sh.rustup.rs | sh -s -- -y\n")).toEqual([]);
  });
});
