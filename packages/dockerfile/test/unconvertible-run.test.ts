import { describe, expect, it } from "vitest";
import { type MigrateResult, migrateDockerfile } from "../src/index.js";
import { packageMap } from "./helpers.js";

/** Migrates for 3.23 and checks that a second run changes nothing (the helper's `sh -n` check
 * cannot run here: these RUN lines do not parse on purpose). */
function migrate(text: string): MigrateResult {
  const options = { packageMap: packageMap("3.23"), release: "3.23" };
  const result = migrateDockerfile(text, options);
  expect(migrateDockerfile(result.output, options).output).toBe(result.output);
  return result;
}

const DEEP = `RUN echo ${"$(echo ".repeat(250)}x${")".repeat(250)} && apt-get update && apt-get install -y curl\n`;

describe("a RUN migrate cannot convert that runs a Debian tool keeps its stage on Debian", () => {
  it("substitutions nested past the parser's limit: FROM stays, a warning at the apt-get", () => {
    const text = `FROM debian:bookworm\n${DEEP}`;
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.debianToolsLeft).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    const w = r.warnings[0]!;
    expect(w).toMatchObject({ rule: "from", line: 2, column: DEEP.indexOf("apt-get") + 1 });
    expect(w.message).toMatch(/^apt-get in this RUN is not converted: it could not be read as sh/);
    expect(w.message).toContain("stays on debian:bookworm (line 1)");
  });

  it("an unterminated quote around apt-get", () => {
    const text = 'FROM debian:bookworm\nRUN echo "oops && apt-get install -y curl\n';
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.warnings.map((w) => [w.line, w.column, w.rule])).toEqual([[2, 19, "from"]]);
    expect(r.warnings[0]!.message).toContain("unterminated");
  });

  it.each([
    ["apt-get install -y curl && (", '"(" is never closed'],
    ["if then fi apt-get install -y curl", '"then" after an empty list'],
    ["apt-get install -y curl; fi", '"fi" unexpected'],
  ])("compound commands that do not close: %j", (run, reason) => {
    const text = `FROM debian:bookworm\nRUN ${run}\n`;
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.warnings.map((w) => w.rule)).toEqual(["from"]);
    expect(r.warnings[0]!.message).toContain(`it could not be read as sh (${reason})`);
  });

  it("a heredoc RUN whose body sh cannot read", () => {
    const text = "FROM ubuntu:24.04\nRUN <<EOF\nuseradd -r app\necho 'x\nEOF\n";
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.warnings[0]).toMatchObject({ rule: "from", line: 3, column: 1 });
    expect(r.warnings[0]!.message).toMatch(/^useradd in this RUN is not converted/);
  });

  it("an exec-form RUN apt-get: every such RUN is named", () => {
    const text =
      'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\nRUN ["sh", "-c", "useradd app"]\n';
    const r = migrate(text);
    expect(r.output).toBe(text);
    expect(r.warnings.map((w) => [w.line, w.column])).toEqual([
      [2, 7],
      [3, 19],
    ]);
    expect(r.warnings[0]!.message).toContain(
      "rewrite it in shell form, RUN apt-get install -y curl, then run alpinize again",
    );
    expect(r.warnings[1]!.message).toContain(
      "rewrite it in shell form, RUN useradd app, then run alpinize again",
    );
  });

  it("an exec-form RUN of another tool: the hint names that tool, not apt-get", () => {
    const text = 'FROM debian:12\nRUN ["useradd","-m","bob"]\nRUN ["/usr/sbin/groupadd","g"]\n';
    const r = migrate(text);
    expect(r.output).toBe(text);
    const hints = r.warnings.map(
      (w) => /rewrite it in shell form, (RUN [^,]*), then/.exec(w.message)?.[1],
    );
    expect(hints).toEqual(["RUN useradd -m bob", "RUN /usr/sbin/groupadd g"]);
    expect(r.warnings.map((w) => w.message).join("\n")).not.toContain("apt-get");
  });

  it("a later stage built FROM the blocked one stays with it; unrelated stages still move", () => {
    const text = [
      "FROM debian:bookworm AS base",
      "RUN apt-get update && apt-get install -y ca-certificates",
      "FROM base AS build",
      'RUN echo "unterminated && apt-get install -y make',
      "FROM base AS test",
      "RUN apt-get install -y git",
      "FROM debian:bookworm",
      "COPY --from=build /src/app.json /app.json",
      "RUN apt-get update && apt-get install -y curl",
      "",
    ].join("\n");
    const r = migrate(text);
    const lines = r.output.split("\n");
    expect(lines.slice(0, 6)).toEqual(text.split("\n").slice(0, 6));
    expect(lines[6]).toBe("FROM alpine:3.23");
    expect(r.output).toContain("RUN apk add --no-cache curl");
    const w = r.warnings.find((x) => x.rule === "from")!;
    expect(w.line).toBe(4);
    expect(w.message).toContain(
      "its stage (build) is built FROM base, which stays on debian:bookworm (line 1)",
    );
    expect(r.debianToolsLeft).toEqual([]);
  });

  it("a stage that is already Alpine cannot go back: the tool is reported as left", () => {
    const text = `FROM alpine:3.23\n${DEEP}`;
    const r = migrate(text);
    expect(r.changed).toBe(false);
    // Each apt-get named as a command word, as the text gives no better reading.
    const at = (k: number) => {
      const column = DEEP.indexOf("apt-get", k) + 1;
      return { tool: "apt-get", line: 2, column, offset: 16 + column };
    };
    expect(r.debianToolsLeft).toEqual([
      { ...at(0), outputLine: 2, outputColumn: at(0).column },
      {
        ...at(DEEP.indexOf("apt-get") + 1),
        outputLine: 2,
        outputColumn: at(DEEP.indexOf("apt-get") + 1).column,
      },
    ]);
    expect(r.warnings[0]!.message).toMatch(/left as is, and its apt-get fails on Alpine/);
  });

  it("an exec-form RUN on an Alpine stage is reported as left too", () => {
    const r = migrate('FROM alpine:3.23\nRUN ["apt-get", "install", "-y", "curl"]\n');
    expect(r.debianToolsLeft.map((t) => [t.tool, t.line, t.column])).toEqual([["apt-get", 2, 7]]);
  });

  it("a path that names apt is no call: a RUN sh cannot read that only cleans apt's lists moves", () => {
    const r = migrate('FROM debian:12\nRUN echo "x && rm -rf /var/lib/apt/lists/*\n');
    expect(r.output.startsWith("FROM alpine:3.23\n")).toBe(true);
    expect(r.debianToolsLeft).toEqual([]);
  });
});
