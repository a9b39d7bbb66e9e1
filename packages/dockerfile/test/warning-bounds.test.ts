import { MAX_QUOTED } from "@alpinize/errors";
import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../src/index.js";
import { boundedMessage, MAX_WARNING } from "../src/migrate/bounded-message.js";
import { packageMap } from "./helpers.js";

const migrate = (text: string) =>
  migrateDockerfile(text, { packageMap: packageMap("3.23"), release: "3.23" });

describe("warnings quote the file on one line and cut long values", () => {
  it("a 1 MB package and group name: each warning names their start, not 1 MB", () => {
    const pkg = `pkg${"Q".repeat(1_000_000)}`;
    const r = migrate(
      `FROM debian:bookworm\nRUN apt-get install -y ${pkg} && useradd -G g${pkg} u\n`,
    );
    expect(r.warnings.length).toBeGreaterThanOrEqual(2);
    for (const w of r.warnings) expect(w.message.length).toBeLessThan(MAX_WARNING);
    const unknown = r.warnings.find((w) => w.message.startsWith("no Alpine package known"))!;
    expect(unknown.message).toBe(
      `no Alpine package known for ${pkg.slice(0, MAX_QUOTED)}…; kept as written`,
    );
    // The edits and package records keep the whole name: --json has it there.
    expect(r.packages.some((p) => p.debian === pkg)).toBe(true);
  });

  it("a long quoted word of many short ones is cut too, its advice kept", () => {
    const words = `"${"$A ".repeat(100_000)}"`;
    const r = migrate(`FROM debian:bookworm\nRUN apt-get install -y ${words}\n`);
    const [w] = r.warnings.filter((x) => x.message.startsWith("package list"));
    expect(w!.message).toBe(
      `package list ${words.slice(0, MAX_QUOTED)}… is not a literal alpinize can map; check its names on Alpine`,
    );
  });

  it("tabs, line breaks and terminal controls in a quoted value do not reach the message", () => {
    const r = migrate('FROM debian:bookworm\nRUN apt-get install -y "x\\\u001b[31mred\\\tz"\n');
    expect(r.warnings.length).toBeGreaterThan(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    for (const w of r.warnings) expect(w.message).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it("boundedMessage keeps the start and the end of a message of many short words", () => {
    const text = `start ${"word ".repeat(10_000)}end: do this`;
    const out = boundedMessage(text);
    expect(out.length).toBeLessThanOrEqual(MAX_WARNING);
    expect(out.startsWith("start word")).toBe(true);
    expect(out.endsWith("word end: do this")).toBe(true);
    expect(out).toContain(" … ");
    expect(boundedMessage("short: as is")).toBe("short: as is");
  });
});
