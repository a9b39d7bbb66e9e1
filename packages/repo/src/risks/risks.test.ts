import { describe, expect, it } from "vitest";
import { detectRisks } from "./detect.js";
import type { SourceFile } from "./types.js";

function risksOf(files: SourceFile[]) {
  return Object.fromEntries(
    detectRisks(files).map((r) => [r.id, r.evidence.map((e) => `${e.file}:${e.line}`)]),
  );
}

describe("detectRisks", () => {
  it("finds Go DNS, CGO/SQLite, glibc downloads and locale risks in a Dockerfile", () => {
    const dockerfile = [
      "FROM golang:1.25-bookworm AS build",
      "RUN apt-get install -y libsqlite3-dev && CGO_ENABLED=1 go build -o /app .",
      "FROM debian:bookworm-slim",
      "RUN curl -fsSLO https://example.invalid/tool-x86_64-unknown-linux-gnu.tar.gz",
      "RUN apt-get install -y locales && locale-gen en_US.UTF-8",
      "ENV LANG=en_US.UTF-8",
      "",
    ].join("\n");
    const risks = risksOf([{ file: "Dockerfile", kind: "dockerfile", text: dockerfile }]);
    expect(risks["musl-dns"]).toEqual(["Dockerfile:1", "Dockerfile:2"]);
    expect(risks["cgo-sqlite"]).toEqual(["Dockerfile:2"]);
    expect(risks["glibc-binaries"]).toEqual(["Dockerfile:4"]);
    expect(risks.locale).toEqual(["Dockerfile:5", "Dockerfile:6"]);
    expect(risks["docker-socket-gid"]).toBeUndefined();
    // A pure-Go build (CGO_ENABLED=0) uses Go's own resolver: not evidence of the DNS risk.
    const pure = risksOf([
      {
        file: "Dockerfile",
        kind: "dockerfile",
        text: "FROM golang:1.25 AS b\nRUN CGO_ENABLED=0 go build -o /app .\n",
      },
    ]);
    expect(pure["musl-dns"]).toEqual(["Dockerfile:1"]);
  });

  it("finds ID collisions with Alpine's base groups and users", () => {
    const text = [
      "RUN groupadd -r -g 999 redis && useradd -r -g redis -u 999 redis",
      "RUN groupadd -g 82 web",
      "RUN addgroup -S -g 1000 app && adduser -S -u 1000 -G app app",
      "RUN groupadd www-data",
      "",
    ].join("\n");
    const [risk] = detectRisks([{ file: "Dockerfile", kind: "dockerfile", text }]);
    expect(risk?.id).toBe("id-collision");
    expect(risk?.evidence.map((e) => [e.line, e.text.split(" — ")[1]])).toEqual([
      [1, "GID 999 is ping's on Alpine 3.23"],
      [2, "GID 82 is www-data's on Alpine 3.23"],
      [4, '"www-data" already exists on Alpine 3.23'],
    ]);
  });

  it("finds the docker socket GID pattern and busybox differences in scripts", () => {
    const script = [
      "#!/bin/sh",
      "if [ -S /var/run/docker.sock ]; then",
      "  GID=$(stat -c '%g' /var/run/docker.sock)",
      '  groupadd -g "$GID" docker 2>/dev/null || true',
      "  usermod -aG docker app",
      "fi",
      "sed -i 's/a\\|b/c/' /etc/x.conf",
      "timeout 60s cscli hub update",
      "exec gosu app /app",
      "",
    ].join("\n");
    const risks = risksOf([{ file: "entry.sh", kind: "script", text: script }]);
    expect(risks["docker-socket-gid"]).toEqual([
      "entry.sh:2",
      "entry.sh:3",
      "entry.sh:4",
      "entry.sh:5",
    ]);
    // `stat -c` is one busybox supports, so line 3 is not a difference.
    expect(risks["busybox-tools"]).toEqual(["entry.sh:7", "entry.sh:8"]);
    expect(risks["privilege-drop"]).toEqual(["entry.sh:9"]);
    expect(risks["musl-dns"]).toBeUndefined();
  });

  it("finds bash scripts and bashisms", () => {
    const risks = risksOf([
      { file: "run.sh", kind: "script", text: "#!/bin/bash\nif [[ -n $X ]]; then :; fi\n" },
    ]);
    expect(risks.shells).toEqual(["run.sh:1", "run.sh:2"]);
  });
});
