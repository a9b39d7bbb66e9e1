// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const runs = (text: string) =>
  migrate(text)
    .output.split("\n")
    .filter((l) => l.startsWith("RUN"));

describe("fourth review round", () => {
  it("keeps apt pipelines whose status is read, as true | filter; a lone ! keeps true", () => {
    expect(
      runs(
        'FROM debian:12\nRUN apt-get update 2>&1 | grep -q "^[WE]:" && exit 1 || true\nRUN if apt-get update | grep -q Err; then exit 1; fi\nRUN ! apt-get clean; ! apt-get clean\nRUN ! apt-get clean; echo x\n',
      ),
    ).toEqual([
      'RUN true 2>&1 | grep -q "^[WE]:" && exit 1 || true',
      "RUN if true | grep -q Err; then exit 1; fi",
      "RUN ! true; ! true",
      "RUN ! true; echo x",
    ]);
  });

  it("flags a release or directory copied from a stage that stays on glibc", () => {
    const r = migrate(
      "FROM hexpm/elixir:1.16.0-erlang-26.2.1-debian-bookworm-20240130-slim AS builder\nRUN mix release\nFROM debian:12\nCOPY --from=builder /app/_build/prod/rel/my_app ./\nCOPY --from=builder /app/priv/static/app.css /static/\n",
    );
    // The release bundles ERTS built for glibc: the stage stays on Debian (the CSS is data).
    expect(r.output).toContain("FROM debian:12\n");
    const w = r.warnings.filter((x) => /stays on glibc/.test(x.message));
    expect(w.map((x) => x.line)).toEqual([3]);
    expect(w[0]?.message).toMatch(/copies \/app\/_build\/prod\/rel\/my_app from stage builder/);
  });

  it("joins an Alpine base group for Debian's adduser --group", () => {
    expect(runs("FROM debian:12\nRUN adduser --system --group www-data\n")).toEqual([
      "RUN adduser -S -D -G www-data -h /nonexistent -s /sbin/nologin -H www-data",
    ]);
  });

  it("does not translate i386 into an unanchored x86, and flags pieces of names", () => {
    const r = migrate(
      'FROM debian:12\nRUN a="$(dpkg --print-architecture)"; echo "$a" | grep -q i386 && echo 32; echo "$a" | grep -qx i386 && echo y\n',
    );
    expect(r.output).toContain('grep -q i386 && echo 32; echo "$a" | grep -qx x86 && echo y');
    expect(r.warnings.some((w) => w.rule === "arch")).toBe(true);
  });

  it("converts apt-get behind flock, eatmydata, ionice and stdbuf, and flags it in { } after a pipe", () => {
    const r = migrate(
      "FROM debian:12\nRUN flock /tmp/apt.lock apt-get install -y jq && eatmydata apt-get install -y curl && ionice -c3 apt-get install -y git\nRUN echo | { apt-get install -y make; }\n",
    );
    expect(r.output).toContain(
      "RUN flock /tmp/apt.lock apk add --no-cache jq && eatmydata apk add --no-cache curl && ionice -c3 apk add --no-cache git\n",
    );
    expect(r.warnings.some((w) => /apt-get inside \{ is not converted/.test(w.message))).toBe(true);
  });

  it("names numeric groups for usermod and gpasswd, and flags glibc .NET runtime identifiers", () => {
    expect(
      runs(
        "FROM debian:12\nRUN groupadd -g 1500 docker && usermod -aG 1500 app && gpasswd -a app 1500\n",
      ),
    ).toEqual(["RUN addgroup -g 1500 docker && addgroup app docker && addgroup app docker"]);
    const r = migrate(
      "FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet publish -r linux-x64 -o /app\n",
    );
    expect(r.warnings.find((w) => w.rule === "glibc")?.message).toMatch(/use linux-musl-x64/);
  });
});

describe("fourth review round, quieter and cgo", () => {
  it("adds gcc and musl-dev to a golang stage that turns cgo on", () => {
    const r = migrate(
      "FROM golang:1.23-bookworm AS b\nENV CGO_ENABLED=1\nRUN apt-get update && apt-get install -y libsqlite3-dev\nRUN go build -o /app .\n",
    );
    expect(r.output).toContain("RUN apk add --no-cache sqlite-dev gcc musl-dev\n");
    expect(
      migrate("FROM golang:1.23-bookworm\nENV CGO_ENABLED=0\nRUN go build .\n").output,
    ).not.toContain("gcc");
  });

  it("warns once per version change and once per PGDG extension", () => {
    const php = migrate(
      "FROM debian:12\nRUN apt-get install -y php8.2-fpm php8.2-gd php8.2-mysql\n",
      {
        release: "3.24",
      },
    );
    expect(php.warnings.filter((w) => /has no php 8\.2/.test(w.message))).toHaveLength(1);
    const pg = migrate(
      "FROM postgres:16\nRUN apt-get update && apt-get install -y postgresql-16-postgis-3\n",
    );
    expect(pg.warnings).toHaveLength(1);
  });
});

describe("messages keep variable names as written", () => {
  it("does not lower-case ${REGISTRY} in the no-variant warning", () => {
    const r = migrate("ARG REGISTRY=r.example\nFROM ${REGISTRY}debian:12\n");
    expect(r.warnings[0]?.message).toContain("${REGISTRY}debian");
  });
});
