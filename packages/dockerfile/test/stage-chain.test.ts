// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

/** `FROM debian:12 AS s0`, then `FROM s{i-1} AS s{i}`, each stage with the given body line. */
function chain(stages: number, body: (i: number) => string): string {
  const lines: string[] = [];
  for (let i = 0; i < stages; i++) {
    lines.push(i === 0 ? "FROM debian:12 AS s0" : `FROM s${i - 1} AS s${i}`, body(i));
  }
  return `${lines.join("\n")}\n`;
}

describe("stages built FROM earlier stages (family facts read once per migration)", () => {
  it("converts a long chain stage by stage, as a short one", () => {
    const text = chain(150, () => "RUN apt-get update && apt-get install -y curl");
    const r = migrate(text);
    expect(r.output).toBe(
      text
        .replace("FROM debian:12", "FROM alpine:3.23")
        .replaceAll("apt-get update && apt-get install -y curl", "apk add --no-cache curl"),
    );
    expect(r.warnings).toEqual([]);
  });

  it("keeps a bash SHELL that the last stage of a long chain uses, naming its line", () => {
    const text = chain(150, (i) =>
      i === 0
        ? 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]'
        : i === 149
          ? 'RUN [[ -n "$X" ]] && echo "${X^^}"'
          : "RUN echo step",
    );
    const r = migrate(text);
    expect(r.output.split("\n").slice(0, 3)).toEqual([
      "FROM alpine:3.23 AS s0",
      "RUN apk add --no-cache bash",
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "SHELL is bash and RUN lines of a stage built FROM this one (line 300) use bash features: bash added (Alpine's /bin/sh is busybox ash)",
    ]);
    // A SHELL of its own in the middle of the chain hides the stages below it.
    const hidden = migrate(text.replace("RUN echo step", 'SHELL ["/bin/sh", "-c"]'));
    expect(hidden.output).toContain('SHELL ["/bin/ash", "-o", "pipefail", "-c"]');
  });

  it("lists GNU wget options of the stages built FROM a stage in file order, not tree order", () => {
    // a2 (FROM a) comes after b in the file: its option is named after b's.
    const r = migrate(
      [
        "FROM debian:12 AS base",
        "RUN apt-get update && apt-get install -y wget",
        "FROM base AS a",
        "RUN wget --retry-connrefused -O /a http://example.test/a",
        "FROM base AS b",
        "RUN wget --mirror http://example.test/b",
        "FROM a AS a2",
        "RUN wget --content-disposition --mirror http://example.test/c",
        "FROM debian:12",
        "COPY --from=a2 /etc/os-release /tmp/",
        "",
      ].join("\n"),
    );
    expect(r.warnings.map((w) => [w.line, w.message])).toEqual([
      [
        2,
        "wget kept: --retry-connrefused, --mirror, --content-disposition needs GNU wget (busybox wget lacks it); drop the option to use busybox's",
      ],
    ]);
  });

  it("adds buildpack-deps' toolchain for a build two stages down", () => {
    const r = migrate(
      [
        "FROM buildpack-deps:bookworm AS base",
        "RUN apt-get update && apt-get install -y libpq-dev",
        "FROM base AS mid",
        "RUN echo mid",
        "FROM mid AS leaf",
        "RUN ./configure && make && dpkg-architecture -qDEB_HOST_MULTIARCH",
        "",
      ].join("\n"),
    );
    expect(r.output.split("\n").slice(0, 3)).toEqual([
      "FROM alpine:3.23 AS base",
      "RUN apk add --no-cache ca-certificates gcc g++ make musl-dev linux-headers dpkg-dev dpkg",
      "RUN apk add --no-cache postgresql-dev",
    ]);
  });

  it("gives each migration its own stage tree", () => {
    // The same text twice, then with the make moved out: the second file is not read as the first.
    const withMake = chain(3, (i) => (i === 2 ? "RUN make" : "RUN echo"));
    const pack = (t: string) => t.replace("FROM debian:12", "FROM buildpack-deps:bookworm");
    expect(migrate(pack(withMake)).output).toContain("gcc g++ make");
    expect(migrate(pack(withMake.replace("RUN make", "RUN echo"))).output).not.toContain("gcc");
  });
});
