import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const DEBIAN_NAMES = "apk --print-arch | sed -e 's/^armhf$/armel/'";

describe("the architecture echoed as data", () => {
  it("keeps Debian's names for echo into a file or a pipe", () => {
    const r = migrate(
      'FROM debian:12\nRUN echo "$(dpkg --print-architecture)" > /etc/arch\nRUN printf %s "$(dpkg --print-architecture)" | tee /a\n',
    );
    const lines = r.output.split("\n");
    expect(lines[1]).toContain(DEBIAN_NAMES);
    expect(lines[2]).toContain(DEBIAN_NAMES);
  });

  it("leaves a message Alpine's name", () => {
    const r = migrate(
      'FROM debian:12\nRUN echo "building for $(dpkg --print-architecture)" && echo "$(dpkg --print-architecture)" >&2\n',
    );
    expect(r.output).not.toContain("sed -e");
    expect(r.output).toContain('echo "building for $(apk --print-arch)"');
  });
});
