import type { Rejection } from "./rejections.js";
import type { Words } from "./words.js";

/**
 * A tool of shadow's that busybox has no applet for: what busybox does instead, where it can
 * (an instruction: "use busybox deluser NAME"), or what it has no tool for ("password ageing").
 */
export type ShadowTool =
  | { busybox: string; lacks?: undefined }
  | { lacks: string; busybox?: undefined };

/**
 * shadow's account tools that every Debian image has (its passwd package is required) and that
 * Alpine's busybox has no applet for; Alpine's shadow package has each. busybox has passwd,
 * chpasswd, adduser, addgroup, deluser and delgroup of its own. Tools that are in shadow-conv or
 * shadow-login on Alpine (pwconv, newgrp, sg…) are left out: `apk add shadow` does not bring them.
 */
export const SHADOW_ONLY_TOOLS: Readonly<Record<string, ShadowTool>> = {
  useradd: { busybox: "use busybox adduser -D (adduser -D -u UID -G GROUP -s SHELL NAME)" },
  groupadd: { busybox: "use busybox addgroup (addgroup -g GID NAME)" },
  usermod: { busybox: "use busybox addgroup USER GROUP for usermod -aG GROUP USER" },
  groupmod: { busybox: "make the group again (delgroup NAME, then addgroup -g GID NAME)" },
  userdel: { busybox: "use busybox deluser NAME" },
  groupdel: { busybox: "use busybox delgroup NAME" },
  gpasswd: {
    busybox:
      "use busybox addgroup USER GROUP for gpasswd -a USER GROUP and delgroup USER GROUP for gpasswd -d USER GROUP",
  },
  chsh: { busybox: "give the shell when the user is made (adduser -s SHELL)" },
  chfn: { busybox: "set the GECOS field when the user is made (adduser -g TEXT)" },
  newusers: { busybox: "make each user with busybox adduser -D and set passwords with chpasswd" },
  chage: { lacks: "password ageing" },
  expiry: { lacks: "password ageing" },
  chgpasswd: { lacks: "group passwords" },
  grpck: { lacks: "checking /etc/group" },
  pwck: { lacks: "checking /etc/passwd" },
  vipw: { busybox: "edit /etc/passwd directly" },
  vigr: { busybox: "edit /etc/group directly" },
};

/** The entry of a tool busybox has no applet for, or undefined (busybox has it, or it is not shadow's). */
export function shadowOnlyTool(tool: string): ShadowTool | undefined {
  return Object.hasOwn(SHADOW_ONLY_TOOLS, tool) ? SHADOW_ONLY_TOOLS[tool] : undefined;
}

export interface ShadowOptionTable {
  /** Short options without a value. */
  flags: string;
  /** Short options with a value: the rest of the word, or the next word. */
  valued: string;
  /** Long options without a value. */
  long: readonly string[];
  /** Long options with a value: after `=`, or the next word. */
  longValued: readonly string[];
}

/**
 * The options busybox's passwd (`[-a ALG] [-dlu]`, no long options) and chpasswd (`[-me] [-c ALG]
 * [-R DIR]` and their long forms, `--help`) take, measured against musl busybox with Alpine's
 * configuration: any other option stops it with "unrecognized option". shadow's others
 * (`passwd -e -x -n -w -i -S -k -q -r -R`, every long option; `chpasswd -s`, `--sha-rounds`) need
 * Alpine's shadow package.
 */
export const SHADOW_OPTION_TOOLS: Readonly<Record<string, ShadowOptionTable>> = {
  passwd: { flags: "dlu", valued: "a", long: [], longValued: [] },
  chpasswd: {
    flags: "em",
    valued: "cR",
    long: ["--encrypted", "--md5", "--help"],
    longValued: ["--crypt-method", "--root"],
  },
};

/** shadow's long options whose busybox short option means the same. */
const SPELLED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  passwd: { "--lock": "-l", "--unlock": "-u", "--delete": "-d" },
};

/**
 * The first option of a passwd or chpasswd call (words after the command name) that only shadow's
 * tool takes, or undefined when busybox's applet takes them all (or the tool is another). Every
 * word is read, as getopt permutes: `passwd root -x 90` fails too. A word undefined (known only at
 * run time) is not judged.
 */
export function shadowOnlyOption(tool: string, words: Words): Rejection | undefined {
  const table = Object.hasOwn(SHADOW_OPTION_TOOLS, tool) ? SHADOW_OPTION_TOOLS[tool] : undefined;
  if (table === undefined) return undefined;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === "--") break;
    if (w === undefined || !w.startsWith("-") || w === "-") continue;
    if (w.startsWith("--")) {
      const option = w.replace(/=.*/s, "");
      if (table.longValued.includes(option)) {
        if (!w.includes("=")) k++;
      } else if (!table.long.includes(option)) return rejection(tool, option, k);
      continue;
    }
    for (let c = 1; c < w.length; c++) {
      const letter = w[c]!;
      if (table.valued.includes(letter)) {
        // Its value is the rest of the word, or the next word.
        if (c === w.length - 1) k++;
        break;
      }
      if (!table.flags.includes(letter)) return rejection(tool, `-${letter}`, k);
    }
  }
  return undefined;
}

function rejection(tool: string, option: string, index: number): Rejection {
  const spelled = SPELLED[tool]?.[option];
  return {
    tool,
    kind: "option",
    option,
    index,
    package: "shadow",
    ...(spelled === undefined ? {} : { busybox: spelled }),
    message: `busybox ${tool} has no ${option} (an option of shadow's ${tool} only)`,
    advice:
      spelled === undefined
        ? "apk add shadow before it"
        : `use ${spelled}, or apk add shadow before it`,
  };
}
