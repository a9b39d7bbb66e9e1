import { operandWords } from "./operands.js";

/** Short options that take a value, per tool (busybox adduser/addgroup, shadow's groupadd/useradd). */
const VALUED_SHORT: Readonly<Record<string, string>> = {
  addgroup: "g",
  adduser: "hgsGuk",
  groupadd: "gKpRP",
  useradd: "bcdefgGkKpsuRPZ",
};
/** Long options that take a value (also written `--name=value`, which needs no skipping). */
const VALUED_LONG = new Set([
  "--gid",
  "--uid",
  "--home",
  "--shell",
  "--gecos",
  "--ingroup",
  "--skel",
  "--key",
  "--password",
  "--root",
  "--prefix",
  "--base-dir",
  "--comment",
  "--home-dir",
  "--expiredate",
  "--inactive",
  "--groups",
  "--selinux-user",
]);

/** The words that are not options or their values (`-g 1000`, `-DG grp`, `--home /h`). */
export function operands(tool: string, args: readonly string[]): string[] {
  const valued = VALUED_SHORT[tool] ?? "";
  return operandWords(
    args,
    (a) => VALUED_LONG.has(a) || (/^-[A-Za-z]+$/.test(a) && valued.includes(a.at(-1)!)),
  );
}

/** `-G grp`, `-DG grp`, `-Ggrp`, `--ingroup grp`, `--ingroup=grp`. */
export function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  let value: string | undefined;
  args.forEach((a, k) => {
    for (const n of names) {
      if (n.startsWith("--")) {
        if (a === n) value = args[k + 1];
        else if (a.startsWith(`${n}=`)) value = a.slice(n.length + 1);
      } else if (/^-[A-Za-z]*$/.test(a) && a.endsWith(n[1]!)) value = args[k + 1];
      else if (a.startsWith(n) && a.length > n.length && !a.startsWith("--"))
        value = a.slice(n.length);
    }
  });
  return value;
}

/**
 * adduser's `--system`, or short options with S among them (`-DS`). Read as "letters after the
 * dash, an S among them": `-[A-Za-z]*S[A-Za-z]*$` backtracks through every S of a long word.
 */
export function systemOption(word: string): boolean {
  return word === "--system" || (/^-[A-Za-z]*$/.test(word) && word.includes("S"));
}
