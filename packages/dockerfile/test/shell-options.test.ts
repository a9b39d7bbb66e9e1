import { describe, expect, it } from "vitest";
import { shellOptions } from "../src/index.js";

// What a Dockerfile's text says of nounset and pipefail; the verdicts these lead to are checked
// against busybox in or-guards-busybox.test.ts.
describe("shellOptions", () => {
  it("sees -u given to set or to a shell, as a SHELL array or on the command line", () => {
    for (const text of [
      "RUN set -eu; b",
      "RUN set -e -u; b",
      "RUN set -o pipefail -eux; b",
      'SHELL ["/bin/sh", "-u", "-c"]',
      'SHELL ["/bin/bash","-euo","pipefail","-c"]',
      'SHELL ["/bin/ash", "-o", "pipefail", "-uc"]',
      "RUN sh -u -c 'b'",
      "RUN bash -e \\\n  -u -c 'b'",
      "RUN /bin/dash -xuc 'b'",
      "RUN set -o nounset",
    ])
      expect(shellOptions(text).nounset, text).toBe(true);
  });

  it("does not take another command's -u, or a shell's operand, for it", () => {
    for (const text of [
      "RUN useradd -u 1000 app",
      "RUN git push -u origin main",
      "RUN ssh -u x host",
      "RUN ./build.sh -u",
      "RUN sh -c 'useradd -u 1000 app'",
      "RUN sh script -u",
      "RUN helm upgrade --set -u x",
      'SHELL ["/bin/sh", "-c"]',
      "RUN set -e; env -u HOME b",
    ])
      expect(shellOptions(text).nounset, text).toBe(false);
  });

  it("sees pipefail in a SHELL array", () => {
    expect(shellOptions('SHELL ["/bin/sh", "-o", "pipefail", "-c"]').pipefail).toBe(true);
    expect(shellOptions('SHELL ["/bin/sh", "-c"]').pipefail).toBe(false);
  });
});
