import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

// The Debian .NET aspnet/runtime/runtime-deps images ship ICU and tzdata; their -alpine tags have
// neither and set DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true. With the ENV turned off and no ICU,
// the runtime stops at startup.

const ASPNET = "mcr.microsoft.com/dotnet/aspnet";
const messages = (text: string) => migrate(text).warnings.map((w) => w.message);

describe(".NET globalization on the -alpine images", () => {
  it("adds ICU and tzdata to a stage whose ENV turns invariant mode off", () => {
    const r = migrate(
      `FROM ${ASPNET}:8.0-bookworm-slim\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\nCOPY app /app\nENTRYPOINT ["dotnet","/app/App.dll"]\n`,
    );
    expect(r.output).toBe(
      `FROM ${ASPNET}:8.0-alpine\nRUN apk add --no-cache icu-libs icu-data-full tzdata\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\nCOPY app /app\nENTRYPOINT ["dotnet","/app/App.dll"]\n`,
    );
    expect(r.warnings.map((w) => [w.line, w.message])).toEqual([
      [
        2,
        expect.stringMatching(
          /^DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false turns .NET globalization on, .*the runtime stops at startup .*: added icu-libs icu-data-full tzdata$/,
        ),
      ],
    ]);
    expect(r.packages.map((p) => [p.debian, p.written.join(" "), p.kind])).toEqual([
      ["libicuNN", "icu-libs", "image-provided"],
      ["libicuNN", "icu-data-full", "image-provided"],
      ["tzdata", "tzdata", "image-provided"],
    ]);
  });

  it("reads 0, the legacy ENV form, quotes and the stage it is built FROM", () => {
    for (const env of [
      "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT 0",
      'ENV LANG=C.UTF-8 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="False"',
    ]) {
      const out = migrate(`FROM ${ASPNET}:8.0\n${env}\n`).output;
      expect(out, env).toContain("RUN apk add --no-cache icu-libs icu-data-full tzdata\n");
    }
    // Visual Studio's base/final layout: the ENV is in the final stage, which gets the packages;
    // the base stage gets no invariant-mode warning, since the image built from it turns it off.
    const r = migrate(
      `FROM ${ASPNET}:8.0 AS base\nWORKDIR /app\nFROM base AS final\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\nCOPY . .\n`,
    );
    expect(r.output).toBe(
      `FROM ${ASPNET}:8.0-alpine AS base\nWORKDIR /app\nFROM base AS final\nRUN apk add --no-cache icu-libs icu-data-full tzdata\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\nCOPY . .\n`,
    );
    expect(r.warnings).toHaveLength(1);
    // Set in the parent: the parent has them, the child inherits them.
    const parent = migrate(
      `FROM ${ASPNET}:8.0 AS base\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=0\nFROM base\nCOPY . .\n`,
    );
    expect(parent.output.match(/icu-libs/g)).toHaveLength(1);
    // The last setting wins.
    const back = migrate(
      `FROM ${ASPNET}:8.0 AS base\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true\n`,
    );
    expect(back.output).not.toContain("icu");
  });

  it("leaves tzdata to a stage that has it already (ENV TZ)", () => {
    const r = migrate(
      `FROM ${ASPNET}:8.0\nENV TZ=Europe/Berlin DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`,
    );
    expect(r.output.match(/tzdata/g)).toHaveLength(1);
    expect(r.output).toContain("icu-libs icu-data-full");
  });

  it("warns once, at the FROM, when nothing turns invariant mode off", () => {
    const base = messages(`FROM ${ASPNET}:8.0 AS base\nFROM base AS one\nFROM base AS two\n`);
    expect(base).toEqual([
      expect.stringMatching(
        /^the \.NET aspnet -alpine image has no ICU and no tzdata, .*globalization-invariant mode .*ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false and RUN apk add --no-cache icu-libs icu-data-full tzdata/,
      ),
    ]);
    // runtime-deps has an -alpine-extra tag with both.
    expect(messages("FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-bookworm-slim\n")).toEqual([
      expect.stringMatching(
        /runtime-deps -alpine image .*-alpine-extra tag, which has ICU and tzdata$/,
      ),
    ]);
    // With TZ set, tzdata is there already: the warning is about ICU alone.
    expect(messages(`FROM ${ASPNET}:8.0\nENV TZ=Europe/Berlin\n`)).toContainEqual(
      expect.stringMatching(/has no ICU, .*apk add --no-cache icu-libs icu-data-full \(/),
    );
  });

  it("says nothing where invariant mode is chosen, the image has ICU, or it was Alpine already", () => {
    expect(
      messages(`FROM ${ASPNET}:8.0\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true\n`),
    ).toEqual([]);
    // The Alpine SDK images have ICU and tzdata, as the Debian ones.
    expect(
      migrate(
        "FROM mcr.microsoft.com/dotnet/sdk:8.0\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n",
      ).output,
    ).not.toContain("icu");
    const already = migrate(
      `FROM ${ASPNET}:8.0-alpine\nENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false\n`,
    );
    expect(already.output).not.toContain("apk");
    expect(already.warnings).toEqual([]);
  });
});
