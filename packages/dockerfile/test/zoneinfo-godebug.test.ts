import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("tzdata where the Debian image had the time zone database", () => {
  it("adds tzdata to a stage that a later stage copies /usr/share/zoneinfo from", () => {
    const r = migrate(
      [
        "FROM golang:1.23-bookworm AS b",
        "RUN go build -o /app .",
        "FROM scratch",
        "COPY --from=b /usr/share/zoneinfo /usr/share/zoneinfo",
        "COPY --from=b /app /app",
        "",
      ].join("\n"),
    );
    expect(r.output).toMatch(/^FROM golang:1\.23-alpine AS b\nRUN apk add --no-cache tzdata\n/);
    expect(r.warnings.find((w) => /tzdata/.test(w.message))?.message).toMatch(
      /line 4 copies \/usr\/share\/zoneinfo from this stage/,
    );
  });

  it("adds tzdata for ENV TZ=Area/City and for RUN lines reading the zone files", () => {
    expect(migrate("FROM python:3.12-slim\nENV TZ=Europe/Berlin\n").output).toContain(
      "RUN apk add --no-cache tzdata",
    );
    expect(
      migrate("FROM debian:12\nRUN ln -snf /usr/share/zoneinfo/UTC /etc/localtime\n").output,
    ).toContain("RUN apk add --no-cache tzdata");
  });

  it("adds nothing when tzdata is installed (here or in the parent stage) or TZ is a rule", () => {
    expect(
      migrate("FROM debian:12\nRUN apt-get install -y tzdata\nENV TZ=Europe/Paris\n").output,
    ).toBe("FROM alpine:3.23\nRUN apk add --no-cache tzdata\nENV TZ=Europe/Paris\n");
    expect(migrate("FROM debian:12\nENV TZ=UTC0\n").output).not.toContain("tzdata");
    const child = migrate(
      "FROM debian:12 AS base\nRUN apt-get install -y tzdata\nFROM base\nENV TZ=Asia/Tokyo\n",
    );
    expect(child.output.match(/tzdata/g)).toHaveLength(1);
  });
});

describe("GODEBUG already set in a stage that ships a Go binary", () => {
  it("appends netdns=go to the value, quotes kept", () => {
    const base =
      "FROM golang:1.23 AS b\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=b /app /app\n";
    expect(migrate(`${base}ENV GODEBUG=madvdontneed=1\n`).output).toContain(
      "ENV GODEBUG=madvdontneed=1,netdns=go\n",
    );
    expect(migrate(`${base}ENV A=1 GODEBUG="x=1" B=2\n`).output).toContain(
      'ENV A=1 GODEBUG="x=1,netdns=go" B=2\n',
    );
    const variable = migrate(`${base}ENV GODEBUG=$EXTRA\n`);
    expect(variable.output).toContain("ENV GODEBUG=$EXTRA\n");
    expect(variable.warnings.find((w) => w.rule === "go-dns")?.message).toMatch(/add netdns=go/);
  });
});

describe("GODEBUG set twice, or with another resolver", () => {
  const base =
    "FROM golang:1.23 AS b\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=b /app /app\n";
  it("appends to the last GODEBUG, which is the one in effect", () => {
    const r = migrate(`${base}ENV GODEBUG=http2client=0 FOO=bar\nENV GODEBUG="tlsrsakex=1"\n`);
    expect(r.output).toContain(
      'ENV GODEBUG=http2client=0 FOO=bar\nENV GODEBUG="tlsrsakex=1,netdns=go"\n',
    );
  });
  it("warns instead of appending when netdns is already chosen", () => {
    const r = migrate(`${base}ENV GODEBUG=netdns=cgo+1\n`);
    expect(r.output).toContain("ENV GODEBUG=netdns=cgo+1\n");
    expect(r.warnings.find((w) => w.rule === "go-dns")?.message).toMatch(
      /resolver other than netdns=go/,
    );
  });
});

describe("tzdata for Ruby images that ship", () => {
  it("adds tzdata to a ruby stage the image ships (TZInfo needs the zone files)", () => {
    const r = migrate('FROM ruby:3.3-slim\nRUN bundle install\nCMD ["rails","server"]\n');
    expect(r.output).toBe(
      'FROM ruby:3.3-alpine\nRUN apk add --no-cache tzdata\nRUN bundle install\nCMD ["rails","server"]\n',
    );
    const build = migrate(
      "FROM ruby:3.3-slim AS gems\nRUN bundle install\nFROM debian:12\nCOPY --from=gems /usr/local/bundle /b\n",
    );
    expect(build.output.split("FROM")[1]).not.toContain("tzdata");
  });
});
