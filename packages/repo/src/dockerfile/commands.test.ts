import { describe, expect, it } from "vitest";
import { scanCommands } from "./commands.js";

const names = (script: string) => scanCommands(script).map((c) => c.name);

describe("scanCommands reads the script a shell is given, as migrate does", () => {
  it.each([
    ["sh -c 'apache2ctl -t'"],
    ["sh -ec 'apache2ctl -t'"],
    ["/bin/bash -lc 'apache2ctl -t'"],
    ["dash -euxc 'apache2ctl -t'"],
    ["zsh -xc 'apache2ctl -t'"],
    ["sh -e -c 'apache2ctl -t'"],
    ["bash --login -c 'apache2ctl -t'"],
    ["bash -o pipefail -c 'apache2ctl -t'"],
    ["bash -eo pipefail -c 'apache2ctl -t'"],
    ["bash --rcfile /etc/rc -c 'apache2ctl -t'"],
    ["sudo sh -ec 'apache2ctl -t'"],
  ])("finds the command inside %s, once", (script) => {
    expect(names(script).filter((n) => n === "apache2ctl")).toEqual(["apache2ctl"]);
  });

  it("takes no option value or script file for the script", () => {
    expect(names("bash -o apache2ctl -c 'true'")).not.toContain("apache2ctl");
    expect(names("sh run.sh -c 'apache2ctl -t'")).not.toContain("apache2ctl");
    expect(names("sh -x 'apache2ctl -t'")).not.toContain("apache2ctl");
  });
});

describe("scanCommands and a redirection's descriptor", () => {
  it.each([
    ["addgroup -S app 2>/dev/null || true"],
    ["addgroup -S app 2>&1"],
    ["addgroup -S app 2>> /tmp/log"],
    ["addgroup -S app 0</dev/null"],
    ["2>/dev/null addgroup -S app"],
  ])("keeps the descriptor out of the arguments of %s", (script) => {
    expect(scanCommands(script)[0]).toMatchObject({ name: "addgroup", args: ["-S", "app"] });
  });

  it("keeps digits that are a word of their own, or part of one", () => {
    expect(scanCommands("sleep 2 >/dev/null")[0]?.args).toEqual(["2"]);
    expect(scanCommands("echo a2>/tmp/x")[0]?.args).toEqual(["a2"]);
  });
});
