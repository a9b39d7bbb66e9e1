import { describe, expect, it } from "vitest";
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
});
