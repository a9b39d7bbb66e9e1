// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const messages = (text: string, rule: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === rule)
    .map((w) => `${w.line}: ${w.message}`);

describe("glibc: tini's asset name is quoted whole", () => {
  it("keeps a $(…) architecture inside the name", () => {
    const m = messages(
      lines(
        "FROM debian:12",
        'RUN curl -fsSLo /tini "https://github.com/krallin/tini/releases/download/v0.19.0/tini-$(dpkg --print-architecture)" && chmod +x /tini',
        "RUN curl -fsSLo /tini https://github.com/krallin/tini/releases/download/v0.19.0/tini-${TINI_ARCH}",
      ),
      "glibc",
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^2: tini-\$\(dpkg --print-architecture\) is tini's glibc-linked build/,
      ),
      expect.stringMatching(/^3: tini-\$\{TINI_ARCH\} is tini's glibc-linked build/),
    ]);
  });
});
