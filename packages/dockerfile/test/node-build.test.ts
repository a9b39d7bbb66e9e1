// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

/** The Node.js install of Rails' generated Dockerfile. */
const RAILS = lines(
  "FROM ruby:3.3-slim AS build",
  "RUN apt-get update -qq && \\",
  "    apt-get install --no-install-recommends -y build-essential curl git node-gyp pkg-config python-is-python3",
  "ARG NODE_VERSION=20.11.0",
  "ENV PATH=/usr/local/node/bin:$PATH",
  "RUN curl -sL https://github.com/nodenv/node-build/archive/master.tar.gz | tar xz -C /tmp/ && \\",
  '    /tmp/node-build-master/bin/node-build "${NODE_VERSION}" /usr/local/node && \\',
  "    rm -rf /tmp/node-build-master",
);

describe("glibc: node-build installs nodejs.org's glibc builds", () => {
  it("warns once at the RUN, like nvm, and points at Alpine's nodejs", () => {
    const r = migrate(RAILS);
    const m = r.warnings.filter((w) => w.rule === "glibc" && /node-build/.test(w.message));
    expect(m).toHaveLength(1);
    expect(m[0]?.line).toBe(6);
    expect(m[0]?.message).toMatch(
      /node-build \(also behind nodenv install\) installs Node\.js's official builds, for glibc.*apk add nodejs npm.*unofficial-builds\.nodejs\.org/,
    );
  });

  it("keeps bash for it while it stays (node-build is a bash script)", () => {
    const r = migrate(RAILS);
    expect(r.output).toMatch(/RUN apk add --no-cache [^\n]*\bbash\b/);
    expect(r.warnings.some((w) => w.rule === "shell" && /node-build/.test(w.message))).toBe(true);
  });

  it("sees nodenv install, which runs node-build", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "RUN apt-get install -y git curl && git clone https://github.com/nodenv/nodenv.git ~/.nodenv",
        "RUN ~/.nodenv/bin/nodenv install 20.11.0",
      ),
    );
    const m = r.warnings.filter((w) => w.rule === "glibc" && /node-build/.test(w.message));
    expect(m.map((w) => w.line)).toEqual([3]);
    expect(r.output).toMatch(/RUN apk add --no-cache [^\n]*\bbash\b/);
  });
});
