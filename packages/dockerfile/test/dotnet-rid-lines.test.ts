import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

function ridWarnings(text: string): string[] {
  return migrate(text)
    .warnings.filter((w) => w.rule === "glibc")
    .map((w) => `${w.line}:${w.column} ${w.message}`);
}

describe(".NET runtime identifiers, one warning per use at its own line", () => {
  it("flags restore and publish in separate RUNs, and another architecture later on", () => {
    const text = [
      "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build",
      "WORKDIR /src",
      "COPY . .",
      "RUN dotnet restore -r linux-x64",
      "RUN dotnet publish -c Release -r linux-x64 --no-restore -o /out",
      "RUN dotnet publish -c Release --runtime=linux-arm64 -o /out-arm",
      "FROM mcr.microsoft.com/dotnet/aspnet:8.0",
      "COPY --from=build /out /app",
      "",
    ].join("\n");
    const found = ridWarnings(text);
    expect(found.map((w) => w.split(" ")[0])).toEqual(["4:23", "5:34", "6:41"]);
    expect(found[0]).toMatch(/linux-x64 builds for glibc; on Alpine use linux-musl-x64/);
    expect(found[2]).toMatch(/linux-arm64 builds for glibc; on Alpine use linux-musl-arm64/);
  });

  it("flags each line of a continued RUN and both commands of one line, without repeats", () => {
    const text = [
      "FROM mcr.microsoft.com/dotnet/sdk:8.0",
      "RUN dotnet restore -r linux-x64 \\",
      "    && dotnet build -r linux-x64 --no-restore \\",
      "    && dotnet publish -r linux-x64 --no-build -p:RuntimeIdentifier=linux-x64 -o /out",
      "",
    ].join("\n");
    expect(ridWarnings(text).map((w) => w.split(":")[0])).toEqual(["2", "3", "4"]);
  });

  it("names every glibc RID of a RuntimeIdentifiers list once, and leaves musl RIDs alone", () => {
    const text = [
      "FROM mcr.microsoft.com/dotnet/sdk:8.0",
      'RUN dotnet publish -p:RuntimeIdentifiers="linux-x64;linux-arm64;linux-musl-x64" -o /out',
      "RUN dotnet publish -r linux-musl-x64 -o /out2 && dotnet publish -r linux-bionic-arm64 -o /o3",
      "",
    ].join("\n");
    const found = ridWarnings(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^2:\d+ \.NET runtime identifiers linux-x64, linux-arm64 build for glibc; on Alpine use linux-musl-x64, linux-musl-arm64/,
    );
  });

  it("looks into heredoc RUNs and leaves stages that stay on their base alone", () => {
    const heredoc = [
      "# syntax=docker/dockerfile:1",
      "FROM mcr.microsoft.com/dotnet/sdk:8.0",
      "RUN <<EOF",
      "dotnet restore -r linux-x64",
      "dotnet publish -r linux-x64 --no-restore",
      "EOF",
      "",
    ].join("\n");
    expect(ridWarnings(heredoc).map((w) => w.split(":")[0])).toEqual(["4", "5"]);
    const kept = "FROM registry.example.com/dotnet-sdk:8\nRUN dotnet publish -r linux-x64\n";
    expect(ridWarnings(kept)).toEqual([]);
  });

  it("flags a stage already on Alpine too, as alpinize check reports it", () => {
    const alpine = [
      "FROM mcr.microsoft.com/dotnet/sdk:8.0-alpine AS build",
      "RUN dotnet publish -r linux-x64 --self-contained -o /out",
      "RUN dotnet publish -r linux-musl-x64 -o /musl",
      "FROM alpine:3.24",
      "COPY --from=build /out/Api /app/Api",
      "",
    ].join("\n");
    expect(ridWarnings(alpine)).toEqual([
      "2:23 .NET runtime identifier linux-x64 builds for glibc; on Alpine use linux-musl-x64 (dotnet publish -r linux-musl-x64)",
    ]);
  });
});

describe("glibc downloads fetched by ADD", () => {
  it("flags a URL source named for glibc, as a RUN's curl of it is, not the musl asset nor a .deb", () => {
    const text = [
      "FROM alpine:3.24",
      "ADD --chmod=644 https://example.com/rg/ripgrep-14.1.1-x86_64-unknown-linux-gnu.tar.gz /tmp/",
      "ADD https://example.com/rg/ripgrep-14.1.1-x86_64-unknown-linux-musl.tar.gz /tmp/",
      "ADD https://nodejs.org/dist/v20.18.0/node-v20.18.0-linux-x64.tar.xz /tmp/",
      "ADD https://example.com/pool/tool_1.0_amd64.deb /tmp/",
      "",
    ].join("\n");
    const found = ridWarnings(text);
    expect(found.map((w) => w.split(" ")[0])).toEqual(["2:17", "4:5"]);
    expect(found[0]).toMatch(/looks like a glibc build: use the musl/);
    expect(found[1]).toMatch(/Node\.js's glibc build/);
  });
});
