import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const BASH = '#!/bin/bash\nset -euo pipefail\narr=(a b)\necho "$#"\n';
const SH = '#!/bin/sh\nexec "$@"\n';

/** A build context: these paths are files, everything else (".", "app/") is not one. */
function context(files: Record<string, string>) {
  return (path: string) => files[path.replace(/^\.\//, "")];
}

const bashAdds = (output: string) => output.match(/apk add --no-cache bash/g)?.length ?? 0;
const shellWarning = (warnings: { rule: string; message: string }[]) =>
  warnings.find((w) => w.rule === "shell" && /bash shebang/.test(w.message));

describe("a bash script an exec-form RUN runs", () => {
  it("gets bash before that RUN, as the shell form does (one stage)", () => {
    const r = migrate('FROM debian:bookworm\nCOPY app /app\nRUN ["/app/x.sh"]\n', {
      readContextFile: context({ "app/x.sh": BASH }),
    });
    expect(r.output).toBe(
      'FROM alpine:3.23\nRUN apk add --no-cache bash\nCOPY app /app\nRUN ["/app/x.sh"]\n',
    );
    expect(shellWarning(r.warnings)?.message).toContain("app/x.sh has a bash shebang");
  });

  it("by a bare name through the PATH a child stage sets, out of what its parent copied", () => {
    const r = migrate(
      [
        "FROM debian:bookworm AS base",
        "COPY app /src/app",
        "FROM base",
        "ENV PATH=/src/app/bin:$PATH",
        'RUN ["x.sh", "--init"]',
        "",
      ].join("\n"),
      { readContextFile: context({ "app/bin/x.sh": BASH }) },
    );
    expect(bashAdds(r.output)).toBe(1);
    expect(shellWarning(r.warnings)).toMatchObject({
      line: 5,
      message: expect.stringContaining("RUN runs app/bin/x.sh (copied at line 2)"),
    });
  });

  it("a shell-form RUN of a bare name through that PATH too, not one the PATH lacks", () => {
    const text = (path: string) =>
      `FROM debian:bookworm AS base\nCOPY app /src/app\nFROM base\nENV PATH=${path}\nRUN apt-get update && x.sh\n`;
    const read = { readContextFile: context({ "app/bin/x.sh": BASH }) };
    const r = migrate(text("/src/app/bin:$PATH"), read);
    expect(bashAdds(r.output)).toBe(1);
    expect(shellWarning(r.warnings)?.message).toContain("RUN runs app/bin/x.sh (copied at line 2)");
    expect(bashAdds(migrate(text("/opt/bin:$PATH"), read).output)).toBe(0);
  });

  it("not for a sh script, or a name not on PATH", () => {
    const files = { "app/x.sh": BASH, "app/s.sh": SH };
    for (const run of ['["/app/s.sh"]', '["x.sh"]']) {
      const r = migrate(`FROM debian:bookworm\nCOPY app /app\nRUN ${run}\n`, {
        readContextFile: context(files),
      });
      expect(bashAdds(r.output)).toBe(0);
    }
  });
});

describe("a bash script run out of a COPY --from of a stage that copied it from the context", () => {
  const BASE = "FROM debian:bookworm AS base\nCOPY app /app\n\nFROM debian:bookworm\n";
  const files = { "app/x.sh": BASH, "app/s.sh": SH };

  it("a folder: RUN by its path and CMD get bash in the stage that runs it", () => {
    for (const [tail, keyword] of [
      ["RUN /opt/app/x.sh\n", "RUN runs"],
      ['RUN ["/opt/app/x.sh"]\n', "RUN runs"],
      ['CMD ["/opt/app/x.sh"]\n', "CMD starts"],
    ] as const) {
      const r = migrate(`${BASE}COPY --from=base /app /opt/app\n${tail}`, {
        readContextFile: context(files),
      });
      expect(r.output).toBe(
        `FROM alpine:3.23 AS base\nCOPY app /app\n\nFROM alpine:3.23\nRUN apk add --no-cache bash\nCOPY --from=base /app /opt/app\n${tail}`,
      );
      expect(shellWarning(r.warnings)).toMatchObject({
        line: 6,
        message: expect.stringContaining(`${keyword} app/x.sh (copied at line 2)`),
      });
    }
  });

  it("a file, by name or into a folder, and through a stage that copied it --from again", () => {
    const cases = [
      "COPY --from=base /app/x.sh /usr/local/bin/run\nRUN run\n",
      "COPY --from=0 /app/x.sh /usr/local/bin/\nRUN x.sh\n",
      "COPY --from=base /app /opt/app\nFROM debian:bookworm\nCOPY --from=1 /opt/app/ /srv/\nCMD /srv/x.sh\n",
    ];
    for (const tail of cases) {
      const r = migrate(`${BASE}${tail}`, { readContextFile: context(files) });
      expect(bashAdds(r.output), tail).toBe(1);
      expect(r.output.indexOf("bash")).toBeGreaterThan(r.output.lastIndexOf("FROM"));
    }
  });

  it("out of what the named stage's own parent copied (FROM base AS b, COPY --from=b)", () => {
    const text = `${BASE.replace("FROM debian:bookworm\n", "FROM base AS b\n")}FROM debian:bookworm\nCOPY --from=b /app /srv\n`;
    for (const [run, adds] of [
      ["RUN /srv/x.sh\n", 1],
      ["RUN /srv/s.sh\n", 0],
    ] as const) {
      const r = migrate(`${text}${run}`, { readContextFile: context(files) });
      expect(bashAdds(r.output), run).toBe(adds);
      if (adds) expect(r.output.indexOf("bash")).toBeGreaterThan(r.output.lastIndexOf("FROM"));
    }
  });

  it("not for a sh script, one another path holds, or an image's --from", () => {
    const cases = [
      "COPY --from=base /app /opt/app\nRUN /opt/app/s.sh\n",
      "COPY --from=base /app /opt/app\nRUN /opt/x.sh\n",
      "COPY --from=base /app/x.sh /opt/x.sh\nRUN /opt/x.sh/x.sh\n",
      "COPY --from=busybox:musl /app /opt/app\nRUN /opt/app/x.sh\n",
    ];
    for (const tail of cases) {
      const r = migrate(`${BASE}${tail}`, { readContextFile: context(files) });
      expect(bashAdds(r.output), tail).toBe(0);
    }
  });
});
