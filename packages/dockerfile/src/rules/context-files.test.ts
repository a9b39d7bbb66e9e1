import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../index.js";

const BASH = '#!/bin/bash\nset -euo pipefail\nexec "$@"\n';
const SH = '#!/bin/sh\nexec "$@"\n';

const bashAdded = (text: string, files: Record<string, string>) =>
  /apk add --no-cache bash/.test(
    migrateDockerfile(text, {
      fileName: "Dockerfile",
      readContextFile: (path) => files[path.replace(/^\.\//, "")],
    }).output,
  );

describe("context files: the PATH a bare ENTRYPOINT name is found through", () => {
  it("searches a folder appended to PATH after Docker's default folders", () => {
    // Both folders hold run.sh: /usr/local/bin comes first, so the POSIX one runs.
    const text =
      'FROM debian:12-slim\nCOPY a/ /opt/bin/\nCOPY b/ /usr/local/bin/\nENV PATH=$PATH:/opt/bin\nENTRYPOINT ["run.sh"]\n';
    expect(bashAdded(text, { "a/run.sh": BASH, "b/run.sh": SH })).toBe(false);
    expect(bashAdded(text, { "a/run.sh": SH, "b/run.sh": BASH })).toBe(true);
  });

  it("searches a folder put before $PATH first", () => {
    const text =
      'FROM debian:12-slim\nCOPY a/ /opt/bin/\nCOPY b/ /usr/local/bin/\nENV PATH=/opt/bin:$PATH\nENTRYPOINT ["run.sh"]\n';
    expect(bashAdded(text, { "a/run.sh": BASH, "b/run.sh": SH })).toBe(true);
  });
});
