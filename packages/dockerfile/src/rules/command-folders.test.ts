import { describe, expect, it } from "vitest";
import { parseScript } from "../shell/script.js";
import { commandFolders } from "./command-folders.js";

/** `name@folder` for each command of the script, `?` where the folder is unknown. */
const folders = (script: string, start: string | undefined = "/app") =>
  commandFolders(parseScript(script), start).map(
    ({ cmd, cwd }) => `${cmd.name ?? "?"}@${cwd ?? "?"}`,
  );

describe("commandFolders: the folder each command of a RUN runs in", () => {
  it("follows literal cds joined by && or ; (absolute, relative, options)", () => {
    expect(folders("cd /tmp && ./install.sh")).toEqual(["cd@/app", "./install.sh@/tmp"]);
    expect(folders("cd build; sh install.sh\n./x")).toEqual([
      "cd@/app",
      "sh@/app/build",
      "./x@/app/build",
    ]);
    expect(folders("apt-get update && cd -P -- ../src &&\n  make")).toEqual([
      "apt-get@/app",
      "cd@/app",
      "make@/src",
    ]);
    expect(folders("cd sub && ./a", "")).toEqual(["cd@", "./a@sub"]);
  });

  it("gives up on a cd it cannot follow", () => {
    expect(folders('cd "$DIR" && ./a')).toEqual(["cd@/app", "./a@?"]);
    expect(folders("cd ~/x && ./a; cd && ./b; cd - && ./c")).toEqual([
      "cd@/app",
      "./a@?",
      "cd@?",
      "./b@?",
      "cd@?",
      "./c@?",
    ]);
    expect(folders("if [ -d x ]; then cd x; fi; ./a")).toEqual(["[@/app", "cd@/app", "./a@?"]);
    expect(folders("test -d /x || cd /y; ./a")).toEqual(["test@/app", "cd@/app", "./a@?"]);
    expect(folders("pushd /x; ./a; . ./env; ./b", "/")).toEqual([
      "pushd@/",
      "./a@?",
      ".@?",
      "./b@?",
    ]);
    expect(folders("cd ..", "")).toEqual(["cd@"]);
    expect(folders("cd .. && ./a", "")).toEqual(["cd@", "./a@?"]);
  });

  it("runs what follows || after a cd where the cd may have failed", () => {
    expect(folders("cd /tmp || ./a")).toEqual(["cd@/app", "./a@?"]);
    expect(folders("./check || ./a")).toEqual(["./check@/app", "./a@/app"]);
  });

  it("keeps a subshell's or a background list's cd inside it", () => {
    expect(folders("(cd /tmp && ./a); ./b")).toEqual(["cd@/app", "./a@/tmp", "./b@/app"]);
    expect(folders("cd /tmp & ./b")).toEqual(["cd@/app", "./b@/app"]);
    expect(folders("cd /tmp | cat; ./b")).toEqual(["cd@/app", "cat@/app", "./b@?"]);
  });
});
