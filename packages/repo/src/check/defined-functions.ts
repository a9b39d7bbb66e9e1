/**
 * A function of that name the RUN defines at or before an offset of its quote-blanked text
 * (`pushd() { cd "$1"; }`, `function pushd {`): calls to it run the function, not a builtin.
 */
export function definedBefore(bare: string, name: string, offset: number): boolean {
  const quoted = name.replace(/[^A-Za-z0-9_]/g, "\\$&");
  const definition = new RegExp(
    `(?<=^|[\\s;&|(){}])(?:function\\s+${quoted}(?=[\\s(;{]|$)|${quoted}\\s*\\(\\s*\\))`,
    "g",
  );
  for (const m of bare.matchAll(definition)) {
    const at = m[0].startsWith("function") ? bare.indexOf(name, m.index + 8) : m.index;
    if (at <= offset) return true;
  }
  return false;
}
