import { describe, expect, it } from "vitest";
import { growth } from "../../test/growth.js";
import { execNeeds } from "./exec-tools.js";

describe("execNeeds on long scripts", () => {
  it("names the line of each call", () => {
    const text = `#!/bin/sh\n${"true\n".repeat(1000)}exec su-exec app "$@"\n`;
    expect(execNeeds(text)).toEqual([{ tool: "su-exec", line: 1002, anyOf: ["su-exec"] }]);
  });

  it("takes a probed tool's calls as met by any tool the script looks for", () => {
    const text = "#!/bin/sh\ncommand -v gosu && exec gosu app true\nexec su-exec app true\n";
    expect(execNeeds(text).map((n) => [n.tool, n.line, n.anyOf])).toEqual([
      ["gosu", 2, ["gosu", "su-exec"]],
      ["su-exec", 3, ["gosu", "su-exec"]],
    ]);
  });

  // Each call counted its line from the start of the text, and each probe walked every command:
  // a 200 KB here-document took 15 s in check DIR.
  it("takes time linear in a long here-document and in many probes", () => {
    const heredoc = (n: number) => `#!/bin/sh\ncat <<EOF\n${"a\n".repeat(n)}EOF\nexec gosu a b\n`;
    const probes = (n: number) => `#!/bin/sh\n${"command -v gosu && gosu app true\n".repeat(n)}`;
    expect(growth(execNeeds, heredoc(4000), heredoc(32_000))).toBeLessThan(24);
    expect(growth(execNeeds, probes(500), probes(4000))).toBeLessThan(24);
  });
});
