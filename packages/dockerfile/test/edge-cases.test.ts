// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("SHELL bash with a RUN that calls bash", () => {
  it("installs bash before the SHELL, not in an apk add that SHELL would run", () => {
    const r = migrate(
      'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN apt-get update && apt-get install -y curl\nRUN curl -fsSL https://example.com/setup | bash\n',
    );
    expect(r.output).toBe(
      'FROM alpine:3.23\nRUN apk add --no-cache bash\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN apk add --no-cache curl\nRUN curl -fsSL https://example.com/setup | bash\n',
    );
  });

  it("still appends bash to an apk add that runs before the SHELL", () => {
    const r = migrate(
      'FROM debian:12\nRUN apt-get install -y curl\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://example.com/setup | bash\n',
    );
    expect(r.output).toBe(
      'FROM alpine:3.23\nRUN apk add --no-cache curl bash\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://example.com/setup | bash\n',
    );
  });
});

describe("dpkg --print-architecture as the case subject", () => {
  it("becomes apk --print-arch together with the labels it feeds", () => {
    const r = migrate(
      'FROM debian:12\nRUN case "$(dpkg --print-architecture)" in amd64) echo x ;; arm64) echo y ;; esac\n',
    );
    expect(r.output).toBe(
      'FROM alpine:3.23\nRUN case "$(apk --print-arch)" in x86_64) echo x ;; aarch64) echo y ;; esac\n',
    );
  });
});

describe("heredoc RUN with the shell named after the opener", () => {
  it("converts RUN <<EOF bash (the Dockerfile reference's form) and installs bash", () => {
    const r = migrate(
      "FROM debian:12\nRUN <<EOT bash\n  set -ex\n  apt-get update\n  apt-get install -y vim\nEOT\n",
    );
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN apk add --no-cache bash\nRUN <<EOT bash\n  set -ex\n  apk add --no-cache vim\nEOT\n",
    );
  });

  it("converts RUN <<-'EOF' sh -e", () => {
    const r = migrate("FROM debian:12\nRUN <<-'EOF' sh -e\n\tapt-get install -y git\n\tEOF\n");
    expect(r.output).toBe(
      "FROM alpine:3.23\nRUN <<-'EOF' sh -e\n\tapk add --no-cache git\n\tEOF\n",
    );
  });
});

describe("a UTF-8 byte order mark", () => {
  it("is read past (as BuildKit does) and kept in the output", () => {
    const r = migrate(
      "\uFEFF# syntax=docker/dockerfile:1\nFROM debian:12\nRUN apt-get install -y curl\n",
    );
    expect(r.output).toBe(
      "\uFEFF# syntax=docker/dockerfile:1\nFROM alpine:3.23\nRUN apk add --no-cache curl\n",
    );
    expect(migrate("\uFEFFFROM debian:12\n").output).toBe("\uFEFFFROM alpine:3.23\n");
  });
});

describe("apt housekeeping removed from && / || chains", () => {
  const run = (line: string) => migrate(`FROM debian:12\nRUN ${line}\n`).output.split("\n")[1];

  it("keeps which commands run and the exit status", () => {
    // `X && apt-get clean || true` must still forgive a failing X.
    expect(run("apt-get update && apt-get install -y curl && apt-get clean || true")).toBe(
      "RUN apk add --no-cache curl || true",
    );
    expect(run("make && rm -rf /var/lib/apt/lists/* || echo failed")).toBe(
      "RUN make || echo failed",
    );
    expect(run("apt-get update && apt-get clean && make")).toBe("RUN make");
    // After ||, or before || at the start, the step stands as `true`.
    expect(run("make || apt-get clean && echo x")).toBe("RUN make || true && echo x");
    expect(run("apt-get clean || echo never")).toBe("RUN true || echo never");
    expect(run("apt-get update && apt-get clean; make")).toBe("RUN make");
  });

  it("takes continuation lines with a step in the middle of a chain", () => {
    const r = migrate(
      "FROM debian:12\nRUN set -e; \\\n  make && \\\n  apt-get clean && \\\n  rm -rf /var/lib/apt/lists/*; \\\n  echo done\n",
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN set -e; \\\n  make; \\\n  echo done\n");
  });
});
