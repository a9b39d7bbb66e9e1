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

describe("context files: scripts a RUN runs out of a copied folder", () => {
  it("reads their shebang: bash for a #!/bin/bash one", () => {
    const text =
      "FROM debian:12-slim\nWORKDIR /app\nCOPY tools/ tools/\nRUN cd tools && ./prepare\n";
    expect(bashAdded(text, { "tools/prepare": BASH })).toBe(true);
    expect(bashAdded(text, { "tools/prepare": SH })).toBe(false);
    expect(bashAdded(text.replace("cd tools", "cd $D"), { "tools/prepare": BASH })).toBe(false);
  });

  it("reads their commands: gosu stays for one that calls it", () => {
    const gosu = migrateDockerfile(
      "FROM debian:12\nRUN apt-get update && apt-get install -y gosu\nCOPY bin /usr/local/bin\nRUN fix-perms\n",
      {
        fileName: "Dockerfile",
        readContextFile: (path) =>
          path === "bin/fix-perms" ? '#!/bin/sh\nexec gosu app "$@"\n' : undefined,
      },
    );
    expect(gosu.output).toContain("apk add --no-cache gosu");
  });
});
