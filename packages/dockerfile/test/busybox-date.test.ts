import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const run = (line: string) => migrate(`FROM debian:bookworm\nRUN ${line}\n`);

describe("date -d with GNU's free-form dates", () => {
  it.each([
    `date -d '+1 day' +%F > /etc/expiry`,
    `date --date="yesterday" +%F`,
    `date -d "next monday"`,
    `echo "$(date -d '2 hours ago' +%s)"`,
  ])("adds coreutils for %s", (line) => {
    const r = run(line);
    expect(r.output).toMatch(/apk add --no-cache coreutils/);
    expect(r.warnings.some((w) => /busybox date -d cannot parse/.test(w.message))).toBe(true);
  });

  it.each([
    "date -d @1700000000 +%F",
    "date -d '2024-01-02 10:00:00' +%s",
    'date -d "$EXPIRY" +%s',
    "date -D '%d/%m/%Y' -d '02/01/2024'",
    "date +%F",
  ])("leaves busybox for %s", (line) => {
    expect(run(line).output).not.toMatch(/coreutils/);
  });
});
