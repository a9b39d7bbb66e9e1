import { describe, expect, it } from "vitest";
import { picker } from "../../test/support/picker.js";
import { aptMarkName } from "./apt-mark.js";
import { splitGlob } from "./context-files.js";
import { commandPosition } from "./debian-layout.js";
import { commandPositionAt } from "./users-base-uses.js";
import { gidVariable } from "./users-group-names.js";
import { installLists } from "./users-installs.js";

/** Texts of pieces drawn by a fixed pseudo-random sequence (xorshift). */
function* texts(pieces: readonly string[], count: number): Generator<string> {
  const pick = picker(17);
  for (let n = 0; n < count; n++) {
    let text = "";
    for (let i = 1 + pick([0, 1, 2, 3, 4, 5, 6, 7, 8]); i > 0; i--) text += pick(pieces);
    yield text;
  }
}

describe("word scans without backtracking", () => {
  it("gidVariable answers as the former expression", () => {
    const old = /^"?\$\{?\w*gid\w*(?::-[^}]*)?\}?"?$/i;
    const pieces = ['"', "$", "{", "}", "gid", "GID", "g", "id", "_", "1", ":-", "x", "-", ":"];
    let yes = 0;
    for (const word of texts(pieces, 30_000)) {
      expect([word, gidVariable(word)]).toEqual([word, old.test(word)]);
      if (old.test(word)) yes++;
    }
    expect(yes).toBeGreaterThan(100);
    expect(gidVariable(`$${"gid".repeat(50_000)}!`)).toBe(false);
  });

  it("installLists gives the lists the former expression captured", () => {
    const old = /\b(?:apt-get|apt|aptitude|apk)\s+(?:[^;&|\n]*?\s)?(?:install|add)\s([^;&|\n]*)/g;
    const pieces = ["apt-get", "apt", "aptitude", "apk", "install", "add", "-y", "curl", "x"];
    pieces.push(" ", " ", " ", "  ", "\n", ";", "&", "|", "\t", "addx");
    let lists = 0;
    for (const text of texts(pieces, 30_000)) {
      const mine = [...installLists(text)];
      expect([text, mine]).toEqual([text, [...text.matchAll(old)].map((m) => m[1])]);
      lists += mine.length;
    }
    expect(lists).toBeGreaterThan(100);
    expect([...installLists(`${"apt ".repeat(30_000)}x`)]).toEqual([]);
  });
});

describe("command position read backwards", () => {
  it("users-base-uses: answers as trimming and testing the text before", () => {
    const old = (text: string, at: number) =>
      /(?:^|[;&|({!]|\[\s*"|\b(?:RUN|CMD|ENTRYPOINT|then|do|else|exec|sudo))$/i.test(
        text.slice(0, at).replace(/(?:\s|\\\r?\n)+$/, ""),
      );
    const pieces = [
      " ",
      "\\",
      "\n",
      "\r",
      ";",
      "[",
      '"',
      "RUN",
      "run",
      "xrun",
      "sudo",
      "ENTRYPOINT",
      "a",
      "{",
    ];
    for (const text of texts(pieces, 30_000)) {
      for (const at of [text.length, Math.floor(text.length / 2)]) {
        expect([text, at, commandPositionAt(text, at)]).toEqual([text, at, old(text, at)]);
      }
    }
  });

  it("debian-layout: answers as trimming and testing the text before", () => {
    const old = (text: string, at: number) =>
      /(?:^|[[;&|(`{!]|--|\b(?:exec|then|do|else|if|while|until))$/.test(
        text.slice(0, at).replace(/[\s"',]+$/, ""),
      );
    const pieces = [
      " ",
      '"',
      "'",
      ",",
      "-",
      "--",
      "[",
      "`",
      "while",
      "xwhile",
      "if",
      "exec",
      "a",
      "\n",
    ];
    for (const text of texts(pieces, 30_000)) {
      for (const at of [text.length, Math.floor(text.length / 2)]) {
        expect([text, at, commandPosition(text, at)]).toEqual([text, at, old(text, at)]);
      }
    }
  });
});

describe("words read from one end", () => {
  it("splitGlob gives the groups of the former expression", () => {
    const old = /^(?:(.*)\/)?([^/]*[*?][^/]*)$/;
    for (const word of texts(["/", "*", "?", "a", ".", "\n", "b/"], 30_000)) {
      const was = old.exec(word);
      expect([word, splitGlob(word)]).toEqual([word, was ? [was[0], was[1], was[2]] : undefined]);
    }
    expect(splitGlob(`${"*".repeat(100_000)}/x`)).toBeUndefined();
  });

  it("aptMarkName answers as the former expression", () => {
    const old = /^\w*[Aa]pt_?[Mm]ark\w*=/;
    for (const word of texts(["apt", "Apt", "_", "mark", "Mark", "=", "x", "$", "1"], 30_000)) {
      expect([word, aptMarkName(word)]).toEqual([word, old.test(word)]);
    }
    expect(aptMarkName(`${"apt".repeat(100_000)}!=`)).toBe(false);
  });
});
