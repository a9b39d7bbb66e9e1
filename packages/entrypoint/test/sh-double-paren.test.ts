import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";
import { scanShell } from "../src/shell/scan.js";

const names = (text: string, posix: boolean) =>
  scanShell(text, { posix }).commands.map((c) => c.words[0]?.text);
const DASH = spawnSync("dash", ["-c", ":"]).status === 0;

// Under dash and busybox ash `((` opens two subshells; only bash reads an arithmetic command.
describe("(( under a POSIX sh", () => {
  it("is two subshells for sh, arithmetic for bash", () => {
    const text = "((useradd -u 1 x))\n";
    expect(names(text, true)).toEqual(["useradd"]);
    expect(names(text, false)).toEqual([]);
  });

  it("lets the lint and the rewrite see a user tool inside it in a #!/bin/sh script", () => {
    const body = 'set -e\n((useradd -u 1000 -g app -d /home/app -s /bin/sh app))\nexec "$@"\n';
    const sh = lintEntrypoint(`#!/bin/sh\n${body}`).map((f) => `${f.line}:${f.rule}`);
    expect(sh).toContain("3:shadow-tool");
    const rewritten = rewriteEntrypoint(`#!/bin/sh\n${body}`, { shimSource: "inline" });
    expect(rewritten.changed).toBe(true);
    expect(rewritten.output).toMatch(/\(\(alpinize_ensure_user .*\)\)/);
    // bash reads `((useradd …))` as arithmetic: no command runs, nothing to say.
    expect(lintEntrypoint(`#!/bin/bash\n${body}`).map((f) => f.rule)).not.toContain("shadow-tool");
  });

  it("makes for ((;;)) a syntax error under sh, as dash says", () => {
    const text = "for ((i = 0; i < 3; i++)); do :; done\n";
    expect(scanShell(text, { posix: true }).syntax).toBeDefined();
    expect(scanShell(text).syntax).toBeUndefined();
    if (DASH) expect(spawnSync("dash", ["-n", "-c", text]).status).not.toBe(0);
  });
});
