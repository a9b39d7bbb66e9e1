// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${x} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";

/** RUN lines whose expansions nest `n` levels deep. */
const NESTED: Record<string, (n: number) => string> = {
  'quoted "$( )"': (n) => `x=${'"$(echo '.repeat(n)}x${')"'.repeat(n)}`,
  "bare $( )": (n) => `echo ${"$(echo ".repeat(n)}x${")".repeat(n)}`,
  "${x:-${y:-…}}": (n) => `echo ${"${x:-".repeat(n)}a${"}".repeat(n)}`,
};

const apt = "apt-get update && apt-get install -y curl";
const dockerfile = (run: string) => `FROM debian:12\nRUN ${run} && ${apt}\n`;

describe("migrate on a RUN whose expansions nest past 200 levels", () => {
  it.each(Object.entries(NESTED))("migrates %s nested 200 deep", (_, make) => {
    const result = migrate(dockerfile(make(200)));
    expect(result.output).toContain("apk add --no-cache curl");
    expect(result.warnings.map((w) => w.message).join("\n")).not.toContain("could not be read");
  });

  // The RUN is left for manual work, as one with a shell syntax error is; its apt-get would
  // fail on Alpine, so the stage stays on Debian (see rules/unconvertible.ts).
  it.each(Object.entries(NESTED))(
    "leaves %s nested 201 and 5000 deep as is, on Debian, with a warning",
    (_, make) => {
      for (const n of [201, 5000]) {
        const text = dockerfile(make(n));
        const result = migrate(text);
        expect(result.output).toBe(text);
        expect(result.warnings).toContainEqual(
          expect.objectContaining({
            line: 2,
            rule: "from",
            message: expect.stringContaining(
              "could not be read as sh (expansions nested more than 200 deep); on Alpine it would fail, so its stage stays on debian:12",
            ),
          }),
        );
      }
    },
  );
});

/**
 * How often the reader tests for an operator (`String.prototype.startsWith`, which it calls at
 * each token) while `run` runs: work counted, not timed.
 */
function operatorTests(run: () => void): number {
  const startsWith = String.prototype.startsWith;
  let calls = 0;
  String.prototype.startsWith = function (this: string, ...args) {
    calls++;
    return startsWith.apply(this, args);
  };
  try {
    run();
  } finally {
    String.prototype.startsWith = startsWith;
  }
  return calls;
}

describe("work of migrate on nested expansions", () => {
  // A script's stretches and probes hold those of its `$( )`s, and each level read them again,
  // parsing the text nested in it anew: "$(echo "$(echo …)")" 200 deep took 16 s, growing with
  // the cube of the depth. Twice as deep is now about twice the work.
  it.each(Object.entries(NESTED))(
    "reads %s nested twice as deep about twice as much",
    (_, make) => {
      const [shallow, deep] = [50, 100].map((n) =>
        operatorTests(() => migrate(dockerfile(make(n)))),
      );
      expect(deep! / shallow!).toBeLessThan(3);
    },
  );
});
