// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose
import { MAX_SHELL_NESTING, SHELL_TOO_DEEP } from "@alpinize/entrypoint";
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

describe("scanCommands and assignments", () => {
  it("gives a command only the assignments written before its name as its own", () => {
    const [foo] = scanCommands("X=1 Y=2 foo bar");
    expect(foo).toMatchObject({ name: "foo", assignments: ["X=1", "Y=2"] });
    expect(foo?.setBefore).toBeUndefined();
  });

  it("keeps assignments alone (X=1; foo) apart: they set shell variables, not its environment", () => {
    for (const script of ["X=1; foo bar", "X=1 && foo bar", "X=1\nfoo bar", "{ X=1; }; foo bar"]) {
      const foo = scanCommands(script).find((c) => c.name === "foo");
      expect(foo, script).toMatchObject({ assignments: [], setBefore: ["X=1"] });
    }
    const [, baz] = scanCommands("X=1; foo; Y=2 baz");
    expect(baz).toMatchObject({ name: "baz", assignments: ["Y=2"] });
    expect(baz?.setBefore).toBeUndefined();
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

describe("scanCommands and command substitutions", () => {
  const calls = (script: string) => scanCommands(script).map((c) => [c.name, ...c.args].join(" "));

  it.each([
    ["apk add --no-cache $(cat /tmp/p) bash", "apk add --no-cache $(cat /tmp/p) bash"],
    ["echo $(date) useradd", "echo $(date) useradd"],
    ["echo `date` apt-get", "echo `date` apt-get"],
    ['echo "$(date)" useradd', "echo $(date) useradd"],
    ["echo x$(date)y useradd", "echo x$(date)y useradd"],
  ])("keeps an unquoted substitution in its word: %s", (script, outer) => {
    expect(calls(script)).toContain(outer);
    expect(names(script)).not.toContain("useradd");
    expect(names(script)).not.toContain("apt-get");
    expect(names(script)).not.toContain("bash");
  });

  it.each([
    ["x=$(useradd foo)"],
    ['x="$(useradd foo)"'],
    ["echo `useradd foo`"],
    ["for u in $(useradd foo); do :; done"],
    ["echo $(cat $(useradd foo))"],
    ["echo $( echo $(useradd foo) )"],
    ["echo `echo \\`useradd foo\\``"],
    ["echo ${NAME:-$(useradd foo)}"],
    ["make -j$(( $(useradd foo) + 1 ))"],
    ["cat > $(useradd foo)"],
  ])("still finds the commands a substitution runs: %s", (script) => {
    expect(names(script)).toContain("useradd");
  });

  it("runs what a substitution holds before the command it is written in", () => {
    expect(calls("apk add $(cat /tmp/p) bash")).toEqual([
      "cat /tmp/p",
      "apk add $(cat /tmp/p) bash",
    ]);
  });

  it("reads $((…)) as arithmetic, not a command", () => {
    expect(calls("echo $((1+2)) done")).toEqual(["echo $((1+2)) done"]);
    expect(calls("x=$(( (2+3)*4 )); echo $x")).toEqual(["echo $x"]);
  });

  it("reads a backquoted body with its escapes removed", () => {
    expect(calls("echo `printf '%s' \\`id -u\\``")).toEqual([
      "id -u",
      "printf %s `id -u`",
      "echo `printf '%s' \\`id -u\\``",
    ]);
  });

  it("places a command inside a substitution at its own offset, across continuation lines", () => {
    const script = "echo $(true \\\n  && useradd foo) `\\\n getent \\`id -u\\``";
    const at = (name: string) => scanCommands(script).find((c) => c.name === name)?.offset;
    expect(at("useradd")).toBe(script.indexOf("useradd"));
    expect(at("getent")).toBe(script.indexOf("getent"));
    expect(at("id")).toBe(script.indexOf("id -u"));
  });

  it("gives commands in a substitution the guard of the command holding it", () => {
    const guarded = (script: string, name: string) =>
      scanCommands(script).find((c) => c.name === name)?.guarded;
    expect(guarded("echo $(useradd foo) || true", "useradd")).toBe(true);
    expect(guarded("if [ -n $(useradd foo) ]; then :; fi", "useradd")).toBe(true);
    expect(guarded("x=$(useradd foo) && echo $x", "useradd")).toBeUndefined();
    expect(guarded("x=$(useradd foo || true)", "useradd")).toBe(true);
  });

  it("ends an unterminated substitution at the end of the text", () => {
    expect(names("echo $(useradd foo")).toEqual(["useradd", "echo"]);
    expect(names("echo `useradd foo")).toEqual(["useradd", "echo"]);
  });

  it("reads substitutions nested to the entrypoint lint's limit, and refuses deeper ones", () => {
    const nested = (n: number) => `${"echo $(".repeat(n)}useradd${")".repeat(n)}`;
    expect(names(nested(MAX_SHELL_NESTING))[0]).toBe("echo");
    // Deeper, the rest of the text was one word: commands in it went unchecked, silently.
    for (const n of [MAX_SHELL_NESTING + 1, 5000]) {
      expect(() => scanCommands(nested(n))).toThrow(
        expect.objectContaining({ code: SHELL_TOO_DEEP, exitCode: 2 }),
      );
    }
    const quoted = (n: number) => `x=${'"$(echo '.repeat(n)}x${')"'.repeat(n)}`;
    expect(() => scanCommands(quoted(MAX_SHELL_NESTING))).not.toThrow();
    expect(() => scanCommands(quoted(MAX_SHELL_NESTING + 1))).toThrow(
      expect.objectContaining({ code: SHELL_TOO_DEEP }),
    );
  });

  it("reads ${a:-${b:-…}} and $((1+$((…)))) by counting, however deep", () => {
    const params = `echo ${"${a:-".repeat(5000)}$(useradd x)${"}".repeat(5000)}`;
    expect(names(params)).toEqual(["useradd", "echo"]);
    const arithmetic = `echo ${"$((1+".repeat(5000)}1${"))".repeat(5000)}; useradd x`;
    expect(names(arithmetic)).toEqual(["echo", "useradd"]);
  });
});

describe("scanCommands and pipes", () => {
  it("marks a command whose input is the one before it, also across a line end", () => {
    const piped = (script: string) => scanCommands(script).map((c) => c.piped === true);
    expect(piped("curl -fsSL x | sh")).toEqual([false, true]);
    expect(piped("curl x |\n  sudo -E bash -")).toEqual([false, true, false]);
    expect(piped("a && b; c || d")).toEqual([false, false, false, false]);
  });

  it("reads <(…) as a word whose commands run, not as a redirection", () => {
    const cmds = scanCommands("bash <(curl -s https://x/setup.sh) --yes");
    expect(cmds.map((c) => [c.name, ...c.args].join(" "))).toEqual([
      "curl -s https://x/setup.sh",
      "bash <(curl -s https://x/setup.sh) --yes",
    ]);
    expect(cmds[1]?.redirects).toBeUndefined();
  });
});

describe("scanCommands on long scripts", () => {
  const guarded = (script: string) =>
    scanCommands(script).map((c) => `${c.name}${c.guarded ? "?" : ""}`);

  it("guards each command before a || once, list by list", () => {
    expect(guarded("a || b || true; d && e || echo no; g")).toEqual([
      "a?",
      "b?",
      "true",
      "d?",
      "e?",
      "echo",
      "g",
    ]);
    expect(guarded("if a; then if command -v x; then b; fi; c; fi")).toEqual([
      "a?",
      "command?",
      "b?",
      "c",
    ]);
  });

  it("guards only by a || whose right side is known to succeed (busybox sh exits 1 otherwise)", () => {
    const first = (script: string) => guarded(script)[0];
    for (const ok of [
      "|| true",
      "|| :",
      "|| echo x >&2",
      "|| exit 0",
      "2>/dev/null || true",
      "||\n true",
      "|| { echo x >&2; }",
      "|| { true; }",
      "|| (exit 0)",
      "|| echo $(false)",
      '|| true "$(false)"',
      "|| true || exit 1",
      "|| { true; } || exit 1",
      "|| ( { echo x; } )",
      "|| false || true",
    ])
      expect(first(`useradd -Z x app ${ok}`), ok).toBe("useradd?");
    for (const bad of [
      "|| exit 1",
      "|| false",
      "|| exit",
      "|| return 1",
      "|| { echo x; exit 1; }",
      "|| (exit 1)",
      "|| echo x > /no/such/f",
      "|| true && false",
      "|| b || c",
      "|| ! true",
      "|| { echo x; false; }",
      "|| (exit 0) && false",
      "|| exit 1 || true",
      "|| false || exit 1",
      "|| x=$(false)",
      "|| echo >&3",
      "|| echo >&-",
      "|| : $((1/0))",
      "|| echo ${x?unset}",
      "|| if true; then :; fi",
    ])
      expect(first(`useradd -Z x app ${bad}`), bad).toBe("useradd");
    expect(guarded("( a || true ) || exit 1; ( b ) || true")).toEqual([
      "a?",
      "true",
      "exit",
      "b?",
      "true",
    ]);
  });

  it("reads a substitution of half a million commands without overflowing the stack", () => {
    expect(scanCommands(`x=$(${"a;".repeat(500_000)})`)).toHaveLength(500_000);
  });
});
