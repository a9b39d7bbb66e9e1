import { describe, expect, it } from "vitest";
import { assertWholeScript } from "./grammar.js";
import { parseScript } from "./script.js";
import { ShellSyntaxError } from "./tokenize.js";

const check = (text: string) => () => assertWholeScript(parseScript(text));

// dash -n and busybox sh -n refuse every one of these (measured); the tolerant item list read them.
describe("assertWholeScript", () => {
  it.each([
    ["apt-get install -y curl && (", '"(" is never closed'],
    ["apt-get install -y curl && {", '"{" is never closed'],
    ["if then fi apt-get install -y x", '"then" after an empty list'],
    ["apt-get install -y curl; fi", '"fi" unexpected'],
    ["apt-get install -y curl &&", 'nothing after "&&"'],
    ["a && && b", '"&&" right after "&&"'],
    ["a || ; b", '";" right after "||"'],
    ["&& b", '"&&" with no command before it'],
    ["if true; then fi", '"fi" after an empty list'],
    ["while true; do done", '"done" after an empty list'],
    ["for x in a; do echo; fi", '"fi" unexpected'],
    ["case x in a) b;; done", '"case" is never closed'],
    ["if a; then b; else c; done", '"done" unexpected'],
    ["{ a; )", '")" unexpected'],
    ["while a; then b; fi", '"then" unexpected'],
    ["echo a )", '")" unexpected'],
    ["a | while b; do c; fi", '"fi" unexpected'],
    ["a | { b;", '"{" is never closed'],
    ["#!/bin/sh\nif a; then b;\n", '"if" is never closed'],
    ["#!/usr/bin/env bash\nwhile a; do b;\n", '"loop" is never closed'],
  ])("refuses %j", (text, message) => {
    expect(check(text)).toThrow(ShellSyntaxError);
    expect(check(text)).toThrow(message);
  });

  it.each([
    "apt-get install -y curl",
    "f() { apt-get install -y curl; }; f",
    "f()\n{\n  a\n}",
    "case x in a) apt-get install -y curl;; (b|c) d ;; esac",
    "case x in esac",
    "for p in a b; do apt-get install -y $p; done",
    "for p do echo $p; done",
    "if [ -x /a ]; then a; elif true; then :; else b; fi",
    "(cd /x && a) | tee l",
    "a | ( b; c )",
    "! command -v x && { apk add y; }",
    "until a; do b; done &",
    "a &&\n  b ||\n  c",
    "if a; then if b; then c; fi; fi && d",
    'x=$(if a; then b; fi) && echo "$x"',
    "cat <<EOF | sh\nif\nEOF",
    "echo fi done esac }",
    'apt-mark showmanual | while read -r p; do echo "$p" >> /m; done; echo done',
    "apt-mark hold curl | { cat; }",
    "a | if b; then c; fi | d",
    "a | for x in 1 2; do echo $x; done",
    "a | case x in a) b;; esac",
    "ls /etc | { while read f; do :; done; }",
    "ls | { if a; then b; fi; }",
    "ls | { for x in a; do b; done; }",
    "ls | { case x in a) b;; esac; }",
    "ls | { { a; }; }",
    "a | tee f | { while read f; do :; done; }",
    "ls | {\twhile read f; do :; done; }",
    "for x in do; do :; done",
    "for do in a; do :; done",
    // bash's own forms, in a RUN under SHELL bash or a bash here-document: not judged.
    "function f { echo hi; }; f",
    "select x in a b; do break; done",
    "case x in x) echo a;& *) echo b;; esac",
    "case x in x) echo a;;& *) echo b;; esac",
    "#!/usr/bin/env python3\nfor x in y:\n    print(x)\n",
    "#!/usr/bin/perl\nif (1) { print 1 }\n",
    "",
  ])("reads %j", (text) => {
    expect(check(text)).not.toThrow();
  });
});
