import { migrateDockerfile } from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { ADD, checkLines, leftAsWritten, stageFindings } from "../../test/conditional-installs.js";
import { CASES } from "../../test/may-not-run-cases.js";

/** The Dockerfile with the shadow install left out (offsets kept): what the tools say without it. */
const withoutShadow = (text: string) => text.replace(ADD, "true".padEnd(ADD.length));

describe("an apk add that may not run: check and migrate --check agree", () => {
  it("fails check on the call after an if branch that installs shadow, naming that apk add", () => {
    const text = CASES["an if branch, a RUN before"]!;
    const found = stageFindings(text).find((f) => f.rule === "shadow-user-commands");
    expect(found).toMatchObject({ line: 3, rule: "shadow-user-commands", severity: "error" });
    expect(found!.message).toBe(
      "useradd runs where shadow may not be installed (apk add shadow on line 2 is in an if/case/loop/function body or after || or a test's &&, which may not run) in Alpine stage base, so the build fails here when it does not: install shadow where it always runs, or in the same branch as the call, or use busybox adduser -D (adduser -D -u UID -G GROUP -s SHELL NAME)",
    );
  });

  // On Alpine the probe fails without shadow, so its && stretch never installs it.
  it.each([
    "after a && that probes for the program",
    "after a && that probes for the program, in a subshell",
    "a while probe loop",
  ])("reports what it reports with no shadow install at all: %s", (name) => {
    const text = CASES[name]!;
    // migrate rewrites useradd to adduser where no shadow is added, so only check compares.
    expect(stageFindings(text)).toEqual(stageFindings(withoutShadow(text)));
  });

  // One notion: `alpinize check` fails where `migrate --check` does (its debianToolsLeft).
  it.each(Object.keys(CASES))("agrees with migrate's debianToolsLeft: %s", (name) => {
    const text = CASES[name]!;
    const lines = leftAsWritten(text);
    expect(checkLines(text)).toEqual([...new Set(lines)]);
    expect(lines.length > 0).toBe(!name.endsWith("passes"));
    // migrate --check fails on it too: migrate rewrites such a call (useradd → adduser), or leaves it.
    const migrated = migrateDockerfile(text, { release: "3.23" });
    expect(migrated.changed || migrated.debianToolsLeft.length > 0).toBe(lines.length > 0);
  });
});
