import { describe, expect, it } from "vitest";
import { lintEntrypoint } from "../src/index.js";

const echoFindings = (text: string) =>
  lintEntrypoint(text)
    .filter((f) => f.rule === "echo-escapes")
    .map((f) => `${f.line}:${f.column}:${f.severity}`);

describe("lint: echo escapes under #!/bin/sh", () => {
  it("warns at the first escape Debian's dash reads and busybox ash prints as written", () => {
    const script = [
      "#!/bin/sh",
      'echo "[global]\\nindex-url = x" > /etc/pip.conf',
      "x=$(echo 'a\\tb')",
      "echo -n 'C:\\\\dir'",
      "",
    ].join("\n");
    expect(echoFindings(script)).toEqual(["2:15:warning", "3:12:warning", "4:12:warning"]);
    expect(lintEntrypoint(script).find((f) => f.rule === "echo-escapes")?.message).toBe(
      "echo with \\n: Debian's /bin/sh (dash) turns these escapes into characters, Alpine's (busybox ash) prints them as written without -e",
    );
  });

  it("leaves echo -e, escapes echo never sees, /bin/echo behind a wrapper, and bash scripts", () => {
    const sh = [
      "#!/bin/sh",
      "echo -e 'a\\nb'",
      "echo a\\nb '\\x41' \"\\$HOME\"",
      "env echo 'a\\nb'",
      "# echo 'a\\nb'",
      "cat <<EOF",
      "echo 'a\\nb'",
      "EOF",
      "",
    ].join("\n");
    expect(echoFindings(sh)).toEqual([]);
    expect(echoFindings("#!/bin/bash\necho 'a\\nb'\n")).toEqual([]);
    expect(echoFindings("#!/usr/bin/env sh\necho 'a\\nb'\n")).toEqual(["2:8:warning"]);
  });
});

describe("lint: echo builtin spelt otherwise", () => {
  it("reads command echo, \\echo, quoted echo and echo after assignments, as migrate and check do", () => {
    const script = [
      "#!/bin/sh",
      "command echo 'a\\tb'",
      "\\echo 'a\\tb'",
      "\"echo\" 'a\\tb' && 'echo' -n 'a\\tb'",
      "LC_ALL=C command -p -- echo 'a\\tb'",
      'y=$(command echo "a\\nb")',
      "",
    ].join("\n");
    expect(echoFindings(script)).toEqual([
      "2:16:warning",
      "3:9:warning",
      "4:10:warning",
      "4:30:warning",
      "5:31:warning",
      "6:20:warning",
    ]);
  });

  it("leaves command -v echo, sudo echo and a command named otherwise", () => {
    const script = [
      "#!/bin/sh",
      "command -v echo 'a\\tb'",
      "sudo echo 'a\\tb'",
      "commander echo 'a\\tb'",
      "",
    ].join("\n");
    expect(echoFindings(script)).toEqual([]);
  });
});

describe("lint: echo escapes under #!/bin/dash", () => {
  it("leaves them: Alpine's dash runs the script, and its echo reads the escapes", () => {
    expect(echoFindings("#!/bin/dash\necho 'a\\nb'\n")).toEqual([]);
    expect(echoFindings("#!/usr/bin/env dash\necho 'a\\nb'\n")).toEqual([]);
  });
});
