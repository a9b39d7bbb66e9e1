// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose

import { describe, expect, it } from "vitest";
import { picker } from "../../test/support/picker.js";
import { awsCliZips, etcAptAtEnd, nodeTarballs, runnerTarballs } from "./layout-finders.js";

// The expressions these finders replaced (quadratic or worse on one long word): the oracles.
const OLD_NODE =
  /nodejs\.org\/(?:dist|download\/release)\/[^\s"']*?\/(node-v[^\s"'/]*-linux-[^\s"'/]*\.tar\.(?:gz|xz))/g;
const OLD_ETC_APT = /\/etc\/apt(?:\/[^\s"',\]]*)?(?=["'\s,\]]*$)/g;
const OLD_AWS = /\bawscli-exe-linux-(?:\$\([^()]*\)|[^\s"'/$]|\$(?!\())*\.zip\b/g;

/** Texts of up to ten pieces, each drawn from one of `slots` in turn (cycling). */
function* texts(slots: readonly (readonly string[])[], count: number): Generator<string> {
  const pick = picker(99);
  for (let n = 0; n < count; n++) {
    let text = "";
    const length = 1 + pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (let i = 0; i < length; i++) text += pick(slots[i % slots.length] as readonly string[]);
    yield text;
  }
}

const shape = (ms: Iterable<RegExpExecArray>) => [...ms].map((m) => [m.index, ...m]);

describe("nodeTarballs", () => {
  it("finds Node.js tarballs as the former expression did", () => {
    const text =
      "curl https://nodejs.org/dist/v20.11.1/node-v20.11.1-linux-x64.tar.xz -o n.tgz && curl nodejs.org/download/release/latest/node-v22.0.0-linux-arm64.tar.gz";
    expect(shape(nodeTarballs(text))).toEqual(shape(text.matchAll(OLD_NODE)));
    expect(shape(nodeTarballs(text)).map((m) => m[2])).toEqual([
      "node-v20.11.1-linux-x64.tar.xz",
      "node-v22.0.0-linux-arm64.tar.gz",
    ]);
  });

  it("answers as the former expression on many generated texts", () => {
    const slots = [
      ["nodejs.org/dist/", "nodejs.org/download/release/", "nodejs.org/", "x", " ", '"'],
      ["", "v1", "v1/", "a/b", "'"],
      ["/", "", "//"],
      ["node-v", "node-", "nodev", "node-v1"],
      ["-linux-", "-linux", "", "x-linux-"],
      ["x64", "", "/"],
      [".tar.gz", ".tar.xz", ".tar.gz.tar.xz", ".tgz", ".tar", ""],
      ["", " ", "/", "x"],
    ];
    let found = 0;
    for (const text of texts(slots, 20_000)) {
      const mine = shape(nodeTarballs(text));
      expect([text, mine]).toEqual([text, shape(text.matchAll(OLD_NODE))]);
      found += mine.length;
    }
    expect(found).toBeGreaterThan(100);
  });

  it("reads one long word of repeated prefixes", () => {
    const word = "nodejs.org/dist/node-v-linux-".repeat(20_000);
    expect([...nodeTarballs(word)]).toEqual([]);
    expect(shape(nodeTarballs(`${word}/node-v1-linux-x.tar.gz`))).toHaveLength(1);
  });
});

describe("awsCliZips", () => {
  it("finds the installer zip as the former expression did", () => {
    const text =
      'curl "https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip" -o a.zip; x awscli-exe-linux-x86_64.zip';
    expect(shape(awsCliZips(text))).toEqual(shape(text.matchAll(OLD_AWS)));
    expect(shape(awsCliZips(text))).toHaveLength(2);
  });

  it("answers as the former expression on many generated texts", () => {
    const pieces = ["awscli-exe-linux-", "awscli-exe-linux-", "x86_64", ".zip", ".zip", ".zipx"];
    pieces.push("$(uname -m)", "$(", ")", "(", "$", "/", " ", '"', "-", "a");
    let found = 0;
    for (const text of texts([pieces], 20_000)) {
      const mine = shape(awsCliZips(text));
      expect([text, mine]).toEqual([text, shape(text.matchAll(OLD_AWS))]);
      found += mine.length;
    }
    expect(found).toBeGreaterThan(1000);
  });

  it("reads one long word of repeated prefixes", () => {
    const word = "awscli-exe-linux-".repeat(20_000);
    expect([...awsCliZips(word)]).toEqual([]);
    expect(shape(awsCliZips(`${word}.zip`))).toHaveLength(1);
  });
});

describe("etcAptAtEnd", () => {
  it.each([
    "COPY sources.list /etc/apt/sources.list",
    'COPY ["a.list", "/etc/apt/sources.list.d/"]',
    "COPY x /etc/apt",
    "COPY /etc/apt/x /opt/",
    "COPY x /etc/aptx",
    "COPY x /etc/apt/etc/apt/y ",
  ])("finds in %j what the former expression found", (text) => {
    expect(shape(etcAptAtEnd(text))).toEqual(shape(text.matchAll(OLD_ETC_APT)));
  });

  it("answers as the former expression on many generated texts", () => {
    const pieces = [
      "/etc/apt",
      "/etc/apt",
      "/",
      "x",
      " ",
      '"',
      ",",
      "]",
      "[",
      "'",
      "\t",
      "/etc/ap",
    ];
    let found = 0;
    for (const text of texts([pieces], 20_000)) {
      const mine = shape(etcAptAtEnd(text));
      expect([text, mine]).toEqual([text, shape(text.matchAll(OLD_ETC_APT))]);
      found += mine.length;
    }
    expect(found).toBeGreaterThan(1000);
  });

  it("reads one long word of repeated /etc/apt", () => {
    expect([...etcAptAtEnd(`COPY ${"/etc/apt".repeat(20_000)}x /y`)]).toEqual([]);
  });
});

describe("runnerTarballs", () => {
  it("answers as the former expression on many generated texts", () => {
    const old = /\bactions-runner-linux-[\w.${}-]+\.tar\.gz\b/g;
    const pieces = [
      "actions-runner-linux-",
      "actions-runner-linux-",
      "x64-2.3",
      ".tar.gz",
      ".tar.gz",
    ];
    pieces.push(".tar.gzx", "${V}", "-", " ", "/", "a");
    let found = 0;
    for (const text of texts([pieces], 20_000)) {
      const mine = shape(runnerTarballs(text));
      expect([text, mine]).toEqual([text, shape(text.matchAll(old))]);
      found += mine.length;
    }
    expect(found).toBeGreaterThan(1000);
    expect([...runnerTarballs("actions-runner-linux-".repeat(20_000))]).toEqual([]);
  });
});
