import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const BASH = '#!/bin/bash\nset -euo pipefail\nexec "$@"\n';
const SH = '#!/bin/sh\nexec "$@"\n';

/** A build context: these paths are files, everything else (".", "bin/") is not one. */
function context(files: Record<string, string>) {
  return (path: string) => files[path.replace(/^\.\//, "")];
}

const bashAdded = (text: string, files: Record<string, string>) =>
  /apk add --no-cache bash/.test(migrate(text, { readContextFile: context(files) }).output);

describe("scripts started out of a copied folder", () => {
  it("finds the CMD script inside COPY . /app", () => {
    expect(
      bashAdded('FROM debian:12-slim\nCOPY . /app\nCMD ["/app/bin/run.sh"]\n', {
        "bin/run.sh": BASH,
      }),
    ).toBe(true);
  });

  it("finds a bare ENTRYPOINT name through PATH in COPY scripts/ /usr/local/bin/", () => {
    expect(
      bashAdded('FROM debian:12-slim\nCOPY scripts/ /usr/local/bin/\nENTRYPOINT ["run.sh"]\n', {
        "scripts/run.sh": BASH,
      }),
    ).toBe(true);
  });

  it("resolves a relative CMD against WORKDIR, and a script given to sh", () => {
    expect(
      bashAdded('FROM debian:12-slim\nWORKDIR /app\nCOPY . .\nCMD ["./bin/run.sh"]\n', {
        "bin/run.sh": BASH,
      }),
    ).toBe(true);
    expect(
      bashAdded("FROM debian:12-slim\nWORKDIR /srv\nCOPY tools ./tools\nCMD sh tools/start\n", {
        "tools/start": BASH,
      }),
    ).toBe(true);
  });

  it("follows ENV PATH for bare names", () => {
    const text =
      'FROM debian:12-slim\nCOPY bin/ /opt/app/bin/\nENV PATH="/opt/app/bin:$PATH"\nCMD ["serve"]\n';
    expect(bashAdded(text, { "bin/serve": BASH })).toBe(true);
  });

  it("adds nothing for a POSIX script, or a path no folder copy covers", () => {
    expect(
      bashAdded('FROM debian:12-slim\nCOPY . /app\nCMD ["/app/run.sh"]\n', { "run.sh": SH }),
    ).toBe(false);
    expect(
      bashAdded('FROM debian:12-slim\nCOPY . /app\nCMD ["/usr/bin/run.sh"]\n', { "run.sh": BASH }),
    ).toBe(false);
    expect(
      bashAdded('FROM debian:12-slim\nCOPY . /app\nCMD ["/app/../etc/x.sh"]\n', {
        "../etc/x.sh": BASH,
      }),
    ).toBe(false);
  });
});
