/**
 * The functions a script defines (`name() { …; }`, `name () (…)`, bash's `function name {`), each
 * with the offset of its first definition, read from the script's quote-blanked text (`bare` of
 * `maskQuotes`). A call to such a name after that offset runs the function, also in busybox ash
 * and dash when the name is a bash builtin they lack (`pushd() { cd "$1"; }; pushd /tmp`).
 */
export function definedFunctions(bare: string): ReadonlyMap<string, number> {
  const found = new Map<string, number>();
  for (const m of bare.matchAll(DEFINITION)) {
    const name = m[1] ?? m[2]!;
    if (!found.has(name)) found.set(name, m.index);
  }
  return found;
}

const NAME = "[A-Za-z_][A-Za-z0-9_-]*";
const DEFINITION = new RegExp(
  String.raw`(?<=^|[\s;&|(){}])(?:function\s+(${NAME})(?=[\s(;{]|$)|(${NAME})\s*\(\s*\))`,
  "g",
);
