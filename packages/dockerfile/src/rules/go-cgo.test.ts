import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";

const fromNotes = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "from")
    .map((w) => w.message);
// A final stage that builds with cgo also gets ENV GODEBUG=netdns=go (go-dns.ts): not shown here.
const built = (text: string) => migrate(text).output.replace("ENV GODEBUG=netdns=go\n", "");
const added = (text: string) =>
  migrate(text)
    .packages.filter((p) => p.layer === "migrate-rule")
    .map((p) => `${p.debian}>${p.alpine.join(" ")}`);

// golang's Debian tags install g++ gcc libc6-dev make pkg-config on buildpack-deps:*-scm; the
// -alpine tags have none of them, and Go turns cgo off when it finds no C compiler.
describe("rule from: what golang's Debian tags carried for cgo and the stage relies on", () => {
  it("gives a stage that installs C -dev libraries gcc and musl-dev (go-sqlite3)", () => {
    const text = [
      "FROM golang:1.22-bookworm AS build",
      "RUN apt-get update && apt-get install -y libsqlite3-dev",
      "COPY . .",
      "RUN go build -o /app .",
      "FROM debian:bookworm-slim",
      "RUN apt-get update && apt-get install -y libsqlite3-0",
      "COPY --from=build /app /app",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.output).toContain(
      "FROM golang:1.22-alpine AS build\nRUN apk add --no-cache sqlite-dev gcc musl-dev\nCOPY . .\n",
    );
    const w = r.warnings.filter((x) => x.rule === "from");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ line: 4, column: 5 });
    expect(w[0]?.message).toMatch(
      /^this build needs cgo \(it installs C library headers: libsqlite3-dev\), .*Go turns cgo off .*: added gcc musl-dev$/,
    );
    expect(added(text)).toEqual(["gcc>gcc", "libc6-dev>musl-dev"]);
    expect(r.packages.find((p) => p.alpine[0] === "gcc")?.reason).toMatch(
      /^cgo \(it installs C library headers: libsqlite3-dev\): golang's Debian tags ship gcc/,
    );
  });

  it("adds pkgconf too for -tags dynamic (confluent-kafka-go's #cgo pkg-config), on the bare tag", () => {
    const r = migrate(
      "FROM golang:1.22 AS build\nRUN apt-get update && apt-get install -y librdkafka-dev\nCOPY . .\nRUN go build -tags dynamic -o /app .\n",
    );
    expect(r.output).toContain("RUN apk add --no-cache librdkafka-dev gcc musl-dev pkgconf\n");
    expect(r.warnings.map((w) => w.message).join("\n")).toMatch(/-tags dynamic links/);
    // The tag alone is enough, in GOFLAGS too.
    expect(
      built('FROM golang:1.22\nENV GOFLAGS="-tags=dynamic,musl"\nRUN go build -o /app .\n'),
    ).toBe(
      'FROM golang:1.22-alpine\nRUN apk add --no-cache gcc musl-dev pkgconf\nENV GOFLAGS="-tags=dynamic,musl"\nRUN go build -o /app .\n',
    );
  });

  it("reads the flags that need cgo: -race, C build modes, external linking, go-sqlite3 tags, CGO_*FLAGS", () => {
    for (const run of [
      "go test -race ./...",
      "go build -buildmode=c-shared -o /lib.so .",
      "go build -ldflags '-linkmode external -extldflags -static' .",
      "go build -tags 'sqlite_fts5 netgo' .",
      'CGO_LDFLAGS="-L/opt/lib" go build .',
    ]) {
      expect(built(`FROM golang:1.23-bookworm\nRUN ${run}\n`), run).toBe(
        `FROM golang:1.23-alpine\nRUN apk add --no-cache gcc musl-dev\nRUN ${run}\n`,
      );
    }
    // Flags that say nothing about cgo, and plain builds: nothing added, nothing said.
    for (const run of ["go build -tags netgo -ldflags '-s -w' .", "go build -o /app ."]) {
      const r = migrate(`FROM golang:1.23-bookworm\nRUN ${run}\n`);
      expect(r.output, run).toBe(`FROM golang:1.23-alpine\nRUN ${run}\n`);
      expect(r.warnings, run).toEqual([]);
    }
  });

  it("keeps a stage that turns cgo off free of gcc, whatever it installs", () => {
    for (const text of [
      "FROM golang:1.22-bookworm\nRUN apt-get update && apt-get install -y libsqlite3-dev\nRUN CGO_ENABLED=0 go build -race .\n",
      "FROM golang:1.22-bookworm\nENV CGO_ENABLED=0\nRUN apt-get install -y libsqlite3-dev && go build -tags dynamic .\n",
      "FROM golang:1.22-bookworm\nRUN apt-get install -y libpq-dev && export CGO_ENABLED=0 && go build .\n",
      "FROM golang:1.22-bookworm AS base\nENV CGO_ENABLED=0\nFROM base\nRUN apt-get install -y libpq-dev && go build .\n",
    ]) {
      expect(migrate(text).output, text).not.toMatch(/gcc|musl-dev/);
    }
  });

  it("reads CGO_ENABLED=0 from a global ARG a stage re-declares, and from the stage's own ARG", () => {
    const install =
      "RUN apt-get update && apt-get install -y libsqlite3-dev && go build -o /app .\n";
    for (const text of [
      `ARG CGO_ENABLED=0\nFROM golang:1.22-bookworm\nARG CGO_ENABLED\n${install}`,
      `ARG CGO_ENABLED="0"\nFROM golang:1.22-bookworm\nARG GOOS CGO_ENABLED\n${install}`,
      `FROM golang:1.22-bookworm\nARG CGO_ENABLED=0\n${install}`,
      `FROM golang:1.22-bookworm\nENV CGO_ENABLED=0\n${install}`,
      "FROM golang:1.22-bookworm\nRUN apt-get update && apt-get install -y libsqlite3-dev && CGO_ENABLED=0 go build -o /app .\n",
      "FROM golang:1.22-bookworm\nRUN export CGO_ENABLED=0; apt-get update && apt-get install -y libsqlite3-dev && go build -o /app .\n",
    ]) {
      const r = migrate(text);
      expect(r.output, text).not.toMatch(/gcc|musl-dev/);
      expect(r.warnings.map((w) => w.message).join("\n"), text).not.toMatch(/needs cgo/);
    }
  });

  it("leaves cgo on where the stage does not re-declare the global ARG, or its default is 1", () => {
    const install =
      "RUN apt-get update && apt-get install -y libsqlite3-dev && go build -o /app .\n";
    // Without ARG in the stage the global default does not reach the RUN.
    expect(migrate(`ARG CGO_ENABLED=0\nFROM golang:1.22-bookworm\n${install}`).output).toMatch(
      /gcc musl-dev/,
    );
    const on = migrate(
      `ARG CGO_ENABLED=1\nFROM golang:1.22-bookworm\nARG CGO_ENABLED\nRUN go build .\n`,
    );
    expect(on.output).toMatch(/apk add --no-cache gcc musl-dev/);
    expect(on.warnings.map((w) => w.message).join("\n")).toMatch(
      /^CGO_ENABLED=1 needs a C compiler/m,
    );
  });

  it("adds make and pkgconf where the stage calls them, gcc and g++ for a C or C++ compile", () => {
    const r = migrate(
      "FROM golang:1.22-bookworm\nRUN git clone https://x/y /src && cd /src && make && go build -o /app .\n",
    );
    expect(r.output).toBe(
      "FROM golang:1.22-alpine\nRUN apk add --no-cache git make\nRUN git clone https://x/y /src && cd /src && make && go build -o /app .\n",
    );
    expect(fromNotes("FROM golang:1.22-bookworm\nRUN make\n")).toEqual([
      "this RUN calls make, which golang's Debian tags carry and its -alpine tags do not: added make; make may run a go build that needs cgo, and without a C compiler Go turns cgo off: if it does, add gcc musl-dev",
    ]);
    expect(added("FROM golang:1.22\nRUN pkg-config --cflags x && g++ -o /t t.cc\n")).toEqual([
      "pkg-config>pkgconf",
      "g++>g++",
      "libc6-dev>musl-dev",
    ]);
    // Installed by the stage already (build-base brings gcc, make and musl-dev): nothing more.
    const own = migrate(
      "FROM golang:1.22\nRUN apt-get update && apt-get install -y build-essential libsqlite3-dev\nRUN make && go build .\n",
    );
    expect(own.warnings.filter((w) => w.rule === "from")).toEqual([]);
    expect(own.output).not.toMatch(/\bgcc\b/);
  });

  it("adds git where go fetches modules straight from their repositories (GOPRIVATE, GOPROXY=direct)", () => {
    const r = migrate(
      "FROM golang:1.22-bookworm\nENV GOPRIVATE=github.com/acme/*\nRUN go mod download && git config --global url.x.insteadOf y\n",
    );
    expect(r.output).toBe(
      "FROM golang:1.22-alpine\nRUN apk add --no-cache git\nENV GOPRIVATE=github.com/acme/*\nRUN go mod download && git config --global url.x.insteadOf y\n",
    );
    expect(r.warnings.map((w) => w.message)).toEqual([
      "GOPRIVATE has go fetch modules from their repositories with git, which golang's Debian tags carry and its -alpine tags do not: added git",
    ]);
    expect(
      migrate(
        "FROM golang:1.22\nRUN apt-get update && apt-get install -y curl && GOPROXY=direct go mod download\n",
      ).output,
    ).toBe(
      "FROM golang:1.22-alpine\nRUN apk add --no-cache curl git && GOPROXY=direct go mod download\n",
    );
    expect(migrate("FROM golang:1.22\nENV GOPROXY=https://proxy.golang.org,direct\n").output).toBe(
      "FROM golang:1.22-alpine\nENV GOPROXY=https://proxy.golang.org,direct\n",
    );
  });

  it("says a cgo binary it now links against musl does not run on a distroless image", () => {
    const r = migrate(
      "FROM golang:1.22 AS b\nRUN apt-get update && apt-get install -y librdkafka-dev\nRUN go build -tags dynamic -o /app .\nFROM gcr.io/distroless/base-debian12\nCOPY --from=b /app /app\n",
    );
    expect(r.warnings.some((w) => /no Alpine variant: binaries built .*musl/.test(w.message))).toBe(
      true,
    );
  });

  it("makes up for the image only: an -alpine or a Debian base stage gets nothing", () => {
    expect(migrate("FROM golang:1.22-alpine\nRUN make && CGO_ENABLED=1 go build .\n").changed).toBe(
      false,
    );
    expect(migrate("FROM debian:12\nRUN make\n").output).toBe("FROM alpine:3.23\nRUN make\n");
  });

  it("adds what a stage built FROM the golang stage needs to that stage", () => {
    const r = built(
      "FROM golang:1.22-bookworm AS base\nRUN go mod download\nFROM base AS build\nRUN apt-get update && apt-get install -y libsqlite3-dev\nRUN go build .\n",
    );
    expect(r).toBe(
      "FROM golang:1.22-alpine AS base\nRUN go mod download\nFROM base AS build\nRUN apk add --no-cache sqlite-dev gcc musl-dev\nRUN go build .\n",
    );
  });
});
