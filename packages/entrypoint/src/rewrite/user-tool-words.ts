import { literal, type Word } from "../shell/scan.js";

/**
 * Where the user and group tools take a group: everything else they are given is a user name, an
 * ID, a path or text. `useradd -g app app` and `adduser --ingroup data data` name the group once
 * and the new login once; only the first is a use of the group.
 */
interface ToolSpec {
  /** Short options whose value is a group name (or a comma list of them). */
  groupShort: string;
  /** Other short options that take a value. */
  valueShort: string;
  groupLong: string[];
  /** Other long options that take a value as the next word. */
  valueLong: string[];
  /** Which operand (0-based) is a group, counted when there are exactly `of` operands. */
  operand?: { index: number; of: number[] };
}

const USERADD: ToolSpec = {
  groupShort: "gG",
  valueShort: "bcdefkKpPRsuZ",
  groupLong: ["--gid", "--groups"],
  valueLong: [
    "--base-dir",
    "--comment",
    "--home-dir",
    "--expiredate",
    "--inactive",
    "--skel",
    "--key",
    "--password",
    "--root",
    "--prefix",
    "--shell",
    "--uid",
    "--selinux-user",
  ],
};

const USERMOD: ToolSpec = {
  ...USERADD,
  valueShort: "cdefklpPRsuZ",
  valueLong: [...USERADD.valueLong, "--home", "--login"],
};

// Debian's adduser and busybox's: `adduser USER GROUP` adds USER to GROUP.
const ADDUSER: ToolSpec = {
  groupShort: "G",
  valueShort: "hgsuk",
  groupLong: ["--ingroup"],
  valueLong: [
    "--home",
    "--gecos",
    "--comment",
    "--shell",
    "--uid",
    "--gid",
    "--skel",
    "--conf",
    "--firstuid",
    "--lastuid",
    "--firstgid",
    "--lastgid",
    "--key",
  ],
  operand: { index: 1, of: [2] },
};

// `addgroup [-g GID] GROUP` creates GROUP; `addgroup USER GROUP` adds USER to it.
const ADDGROUP: ToolSpec = {
  groupShort: "",
  valueShort: "g",
  groupLong: [],
  valueLong: ["--gid", "--conf", "--firstgid", "--lastgid"],
  operand: { index: -1, of: [1, 2] },
};

// `deluser USER GROUP` takes USER out of GROUP; `deluser USER` names no group.
const DELUSER: ToolSpec = {
  groupShort: "",
  valueShort: "",
  groupLong: [],
  valueLong: ["--conf", "--backup-to"],
  operand: { index: 1, of: [2] },
};

// `gpasswd -a USER GROUP`, `gpasswd -M u1,u2 GROUP`: the last operand is the group.
const GPASSWD: ToolSpec = {
  groupShort: "",
  valueShort: "adMAQ",
  groupLong: [],
  valueLong: ["--add", "--delete", "--members", "--administrators", "--root"],
  operand: { index: -1, of: [1] },
};

const NONE: ToolSpec = { groupShort: "", valueShort: "", groupLong: [], valueLong: [] };

const TOOLS: Record<string, ToolSpec> = {
  useradd: USERADD,
  usermod: USERMOD,
  adduser: ADDUSER,
  addgroup: ADDGROUP,
  deluser: DELUSER,
  gpasswd: GPASSWD,
  userdel: NONE,
  passwd: NONE,
  chage: NONE,
  chsh: NONE,
  chfn: NONE,
};

export interface GroupPosition {
  word: Word;
  /** The group names written there (a comma list gives several). */
  names: string[];
}

/**
 * The words of a user or group tool's call that name a group; undefined for other commands,
 * whose words are all looked at.
 */
export function userToolGroupWords(command: string, args: Word[]): GroupPosition[] | undefined {
  const spec = TOOLS[command];
  if (!spec) return undefined;
  const out: GroupPosition[] = [];
  const operands: Word[] = [];
  const push = (word: Word | undefined, value: string | undefined) => {
    if (word && value !== undefined) out.push({ word, names: value.split(",").filter(Boolean) });
  };
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const lit = literal(word.text);
    if (lit === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (lit === undefined || !lit.startsWith("-") || lit === "-") {
      operands.push(word);
      continue;
    }
    if (lit.startsWith("--")) {
      const eq = lit.indexOf("=");
      const name = eq < 0 ? lit : lit.slice(0, eq);
      const group = spec.groupLong.includes(name);
      if (eq >= 0) {
        if (group) push(word, lit.slice(eq + 1));
      } else if (group || spec.valueLong.includes(name)) {
        i++;
        if (group) push(args[i], literal(args[i]?.text ?? ""));
      }
      continue;
    }
    i = shortCluster(spec, lit, args, i, push);
  }
  const op = spec.operand;
  if (op?.of.includes(operands.length)) {
    const word = op.index < 0 ? operands.at(op.index) : operands[op.index];
    push(word, literal(word?.text ?? ""));
  }
  return out;
}

/** `-aG docker`, `-gapp`, `-u 1000`: returns the index of the last word it used. */
function shortCluster(
  spec: ToolSpec,
  lit: string,
  args: Word[],
  i: number,
  push: (word: Word | undefined, value: string | undefined) => void,
): number {
  for (let k = 1; k < lit.length; k++) {
    const ch = lit[k]!;
    const group = spec.groupShort.includes(ch);
    if (!group && !spec.valueShort.includes(ch)) continue;
    const rest = lit.slice(k + 1);
    if (rest !== "") {
      if (group) push(args[i], rest);
      return i;
    }
    if (group) push(args[i + 1], literal(args[i + 1]?.text ?? ""));
    return i + 1;
  }
  return i;
}
