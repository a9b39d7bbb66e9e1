import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const RUN = "RUN apt-get update && apt-get install -y --no-install-recommends clang-19 curl\n";

describe("a stage already on an older Alpine tag installs that release's names", () => {
  it.each([
    "alpine:3.21",
    "python:3.12-alpine3.21",
    "mcr.microsoft.com/devcontainers/base:alpine-3.21",
  ])("%s: clang-19 -> clang19 (3.21 has it), judged as check judges it", (image) => {
    const r = migrate(`FROM ${image}\n${RUN}`, { release: "3.24" });
    expect(r.output).toMatch(/apk add --no-cache clang19 /);
    expect(r.unknownPackages).toEqual([]);
    expect(r.warnings.map((w) => w.message).join("\n")).not.toMatch(/Alpine 3\.24 has no clang 19/);
  });

  it("a stage built FROM it too; a stage moved from Debian gets the target's names", () => {
    const text = `FROM python:3.12-alpine3.21 AS a\nFROM a\n${RUN}FROM debian:12\n${RUN}`;
    const r = migrate(text, { release: "3.24" });
    const adds = r.output.split("\n").filter((l) => l.includes("apk add"));
    expect(adds[0]).toMatch(/clang19 /);
    expect(adds[1]).not.toMatch(/clang19 /);
    expect(r.unknownPackages).toEqual([]);
  });
});
